import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Textarea,
} from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../../i18n';

/**
 * A Fluent confirmation dialog with an optional text (a note, or the reason for a rejection).
 * With `textRequired` the confirm button stays disabled until something was typed.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  textLabel?: string;
  textRequired?: boolean;
  busy?: boolean;
  onConfirm: (text: string | null) => void;
  onCancel: () => void;
}) {
  const strings = useI18n().t.approval.dialog;
  const [text, setText] = useState('');
  const hintId = useId();
  // Stays mounted between uses (see ApprovalPage): every opening starts with an empty text.
  useEffect(() => {
    if (props.open) setText('');
  }, [props.open]);
  const trimmed = text.trim();
  const blocked = props.textRequired === true && trimmed === '';
  return (
    <Dialog
      open={props.open}
      modalType="modal"
      onOpenChange={(_, data) => {
        if (!data.open) props.onCancel();
      }}
    >
      <DialogSurface aria-describedby={hintId}>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>
            <p id={hintId}>{props.description}</p>
            {props.textLabel !== undefined && (
              <Field
                label={props.textLabel}
                required={props.textRequired === true}
                validationMessage={blocked && text !== '' ? strings.reasonMissing : undefined}
              >
                <Textarea
                  value={text}
                  onChange={(_, data) => setText(data.value)}
                  resize="vertical"
                />
              </Field>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onCancel} disabled={props.busy}>
              {strings.cancel}
            </Button>
            <Button
              appearance="primary"
              disabled={blocked || props.busy === true}
              onClick={() => props.onConfirm(trimmed === '' ? null : trimmed)}
            >
              {props.confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
