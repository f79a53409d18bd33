import type { prisonersEn } from '../en/prisoners';

// Cymraeg: the same keys and {placeholders} as en/prisoners.ts.
export const prisonersCy: Record<keyof typeof prisonersEn, string> = {
	'prisoners.field.remaining.invalid': 'Rhowch nifer cyfan o ymweliadau o 0 i {max}',
	'prisoners.field.remaining.negative': "Ni all nifer yr ymweliadau sydd ar ôl fod yn llai na 0",
	'prisoners.field.banReason.required': "Rhowch y rheswm pam mae'r ymwelydd wedi'i wahardd",
	'prisoners.field.until.past': "Rhaid i ddiwedd y gwaharddiad fod heddiw neu'n hwyrach",
	'prisoners.field.method.required': "Dewiswch sut cafodd yr ymweliad ei drefnu",
	'prisoners.field.overrideReason.required': "Rhowch reswm dros fwrw ymlaen er gwaethaf y rhybudd",
	'claim.field.reference.required': "Rhowch y cyfeirnod archebu",
	'claim.field.reference.format': "Rhowch y cyfeirnod archebu fel K7PQ-2XHD",
	'claim.field.dateOfBirth.required': "Rhowch ddyddiad geni'r prif ymwelydd",

	'flags.visitorBanned.until':
		"Mae {name} wedi'i wahardd rhag ymweld tan {until} ({reason}), sy'n cynnwys {dates}. Tynnwch nhw o'r ymweliad, neu gwrthodwch y cais.",
	'flags.visitorBanned.open':
		"Mae {name} wedi'i wahardd rhag ymweld hyd nes y clywir yn wahanol ({reason}), sy'n cynnwys {dates}. Tynnwch nhw o'r ymweliad, neu gwrthodwch y cais.",
	'flags.noAllowance': 'Does gan y carcharor ddim ymweliadau ar ôl yn ei lwfans. Gwrthodwch gyda "dim lwfans", neu rhowch reswm i gadarnhau beth bynnag.',
	'flags.noAllowance.renews':
		'Does gan y carcharor ddim ymweliadau ar ôl yn ei lwfans nes iddo gael ei adnewyddu ar {renewsOn}. Gwrthodwch gyda "dim lwfans", neu rhowch reswm i gadarnhau beth bynnag.',
	'flags.duplicate.requested': "Mae cais arall ar gyfer y carcharor hwn yn aros am {dates} (cyfeirnod {reference}). Gwiriwch nad yr un ymweliad ydyw.",
	'flags.duplicate.booked': "Mae ymweliad arall ar gyfer y carcharor hwn wedi'i drefnu ar {dates} (cyfeirnod {reference}). Gwiriwch nad yr un ymweliad ydyw.",
	'flags.clash': "Mae gan y carcharor ymweliad wedi'i drefnu eisoes ar {date} am {time} (cyfeirnod {reference}).",

	'api.flagged': "Mae rhybuddion ar yr ymweliad hwn sydd angen rheswm i fwrw ymlaen: {flags}",
	'api.prisoners.banNotFound': "Does dim gwaharddiad o'r fath: efallai ei fod wedi'i dynnu eisoes",
	'api.prisoners.recordChanged': "Mae rhywun arall wedi newid y lwfans hwn yn gyntaf: {remaining} yw e nawr. Gwiriwch ef a'i gadw eto.",
	'api.claim.notFound': "Doedd dim modd dod o hyd i ymweliad gyda'r cyfeirnod a'r dyddiad geni hwnnw. Gwiriwch y ddau a rhowch gynnig arall arni.",
	'api.booking.rulesBroken': "Mae angen newid rhai atebion cyn y gellir trefnu'r ymweliad hwn"
};
