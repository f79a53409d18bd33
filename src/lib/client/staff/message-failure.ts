import type { MessageRecord } from '../../shared/answers';
import { t } from '../../shared/i18n';

/**
 * Why a message to the family failed, as an officer reads it on the request's record: the reason
 * from the catalogue in the page's language, and the provider's own words (an SMTP or Notify
 * answer) only as detail beside it. Null when the message did not fail.
 */
export function messageFailure(
	message: Pick<MessageRecord, 'status' | 'failureReason' | 'failure'>
): { reason: string; detail: string | null } | null {
	if (message.status !== 'failed' || !message.failureReason) return null;
	return {
		reason: t('staff.messages.failure', { reason: t(`staff.messages.failureReason.${message.failureReason}`) }),
		detail: message.failure ? t('staff.messages.failureDetail', { detail: message.failure }) : null
	};
}
