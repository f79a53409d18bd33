// Why a message failed, on the request's record: the reason in the officer's language from the
// catalogue, never the provider's or the service's English; the provider's words only beside it.
import { afterEach, describe, expect, it } from 'vitest';
import { messageFailure } from '../../../src/lib/client/staff/message-failure';
import { DELIVERY_FAILURE_REASONS } from '../../../src/lib/shared/domain';
import { setLocale, t } from '../../../src/lib/shared/i18n';

afterEach(() => setLocale('en'));

describe('a failed message on the record', () => {
	it('says the reason from the catalogue, with the provider’s words only as detail', () => {
		expect(messageFailure({ status: 'failed', failureReason: 'refused', failure: 'smtp 550' })).toEqual({
			reason: 'Why: the email or text service refused it',
			detail: 'The service said: smtp 550'
		});
		expect(messageFailure({ status: 'failed', failureReason: 'channel_off' })).toEqual({
			reason: 'Why: the family chose not to be told this way',
			detail: null
		});
	});

	it('says it in Welsh on a Welsh page, the provider’s code left as it was', () => {
		setLocale('cy');
		expect(messageFailure({ status: 'failed', failureReason: 'channel_off' })).toEqual({
			reason: 'Pam: dewisodd y teulu beidio â chael gwybod fel hyn',
			detail: null
		});
		expect(messageFailure({ status: 'failed', failureReason: 'not_delivered', failure: 'permanent-failure' })).toEqual({
			reason: 'Pam: cafodd ei anfon ond nid oedd modd ei ddosbarthu',
			detail: 'Dywedodd y gwasanaeth: permanent-failure'
		});
	});

	it('has words for every reason in both languages, and none for a message that did not fail', () => {
		for (const locale of ['en', 'cy'] as const) {
			setLocale(locale);
			for (const failureReason of DELIVERY_FAILURE_REASONS) {
				const shown = messageFailure({ status: 'failed', failureReason })!.reason;
				expect(shown).not.toContain('staff.messages');
				expect(shown).toBe(t('staff.messages.failure', { reason: t(`staff.messages.failureReason.${failureReason}`) }));
			}
		}
		expect(messageFailure({ status: 'sent' })).toBeNull();
		expect(messageFailure({ status: 'queued', failure: 'smtp 451' })).toBeNull();
	});
});
