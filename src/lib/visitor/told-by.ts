import { formatPhone } from '../shared/format';
import { t } from '../shared/i18n';
import type { MessageChannel } from '../shared/schemas';

/*
 * What the sent page says about messages: only the email and text the family chose on the check
 * page (the body as sent), at the address and number they gave. Push is offered beside it, on the
 * device that can receive it; a request sent without a choice (the service's channels never heard
 * on this phone) promises nothing.
 */

interface Sent {
	input: { channels?: readonly MessageChannel[]; visitors: readonly { email?: string; phone?: string }[] };
}

/** The one line telling the family where the prison's decision (or, once booked, the details) will go. */
export function toldByLine(request: Sent, booked: boolean): string | null {
	const chosen = request.input.channels ?? [];
	const lead = request.input.visitors[0];
	const email = chosen.includes('email') && lead?.email?.trim() ? lead.email.trim() : null;
	const phone = chosen.includes('sms') && lead?.phone?.trim() ? formatPhone(lead.phone) : null;
	if (email && phone) return t(booked ? 'family.booked.emailAndSms' : 'family.next.emailAndSms', { email, phone });
	if (email) return t(booked ? 'family.booked.email' : 'family.next.email', { email });
	if (phone) return t(booked ? 'family.booked.sms' : 'family.next.sms', { phone });
	return null;
}
