import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useI18n } from '../../../i18n';
import type { StatusCheckView } from './useStatusCheck';

/**
 * What the list says about its row scan (issue 15): ONE polite live region for the whole list
 * ("De status van 12 functies wordt gecontroleerd…", then that all are checked), not one per
 * row; and when the scan failed, an error with a retry while the rows say "Status onbekend".
 */
export function StatusCheckNotice(props: { check: StatusCheckView; className?: string }) {
  const { t } = useI18n();
  const { check } = props;
  const words = t.catalogue.statusCheck;
  const live = check.checking > 0 ? words.checking(check.checking) : check.done ? words.done : '';
  return (
    <>
      {/* Always mounted, so a screen reader hears each change of its text. */}
      <p aria-live="polite" className={props.className}>
        {live}
      </p>
      {check.failure !== null && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{words.failed(check.unknown)}</MessageBarBody>
          <MessageBarActions>
            <Button
              icon={<ArrowClockwiseRegular />}
              onClick={check.retry}
              disabled={check.retrying}
            >
              {words.retry}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}
