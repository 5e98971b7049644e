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
import { useId, useRef, useState } from 'react';
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
  const trimmed = text.trim();
  const blocked = props.textRequired === true && trimmed === '';
  // The callers unmount the dialog in their callback. Unmounted with the focus inside, the modal
  // stays "active" and leaves the page aria-hidden — the whole tab hidden from screen readers
  // (found by the fault suite). So the focus goes back to what opened the dialog first.
  const opener = useRef<Element | null>(
    typeof document === 'undefined' ? null : document.activeElement,
  );
  const leave = (then: () => void): void => {
    const target = opener.current;
    if (target instanceof HTMLElement && target.isConnected) target.focus();
    then();
  };
  return (
    <Dialog
      open={props.open}
      modalType="modal"
      onOpenChange={(_, data) => {
        if (!data.open) leave(props.onCancel);
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
            <Button
              appearance="secondary"
              onClick={() => leave(props.onCancel)}
              disabled={props.busy}
            >
              {strings.cancel}
            </Button>
            <Button
              appearance="primary"
              disabled={blocked || props.busy === true}
              onClick={() => {
                const value = trimmed === '' ? null : trimmed;
                leave(() => props.onConfirm(value));
              }}
            >
              {props.confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
