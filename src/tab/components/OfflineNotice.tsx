import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useI18n } from '../i18n';
import { useOnlineStatus } from './use-online-status';

export function OfflineNotice() {
  const online = useOnlineStatus();
  const { t } = useI18n();
  if (online) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>{t.notices.offline}</MessageBarBody>
    </MessageBar>
  );
}
