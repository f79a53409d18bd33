import type { journeysStaffEn } from '../en/journeys-staff';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/journeysStaff.ts.
export const journeysStaffCy: WelshCatalogue<typeof journeysStaffEn> = {
	'journeys.flags.visitorBanned.until':
		'Mae {name} wedi’i wahardd rhag ymweld tan {until} ({reason}), sy’n cynnwys {dates}. Tynnwch nhw o’r ymweliad, rhowch reswm dros adael iddyn nhw ddod, neu gwrthodwch y cais.',
	'journeys.flags.visitorBanned.open':
		'Mae {name} wedi’i wahardd rhag ymweld hyd nes y clywir yn wahanol ({reason}), sy’n cynnwys {dates}. Tynnwch nhw o’r ymweliad, rhowch reswm dros adael iddyn nhw ddod, neu gwrthodwch y cais.',
	'journeys.flags.leadBanned.until':
		'Mae {name} yn arwain yr ymweliad hwn ac wedi’i wahardd rhag ymweld tan {until} ({reason}), sy’n cynnwys {dates}. Rhaid i oedolyn arall ei arwain: tynnwch {name} o’r ymweliad os oes oedolyn arall yn dod, rhowch reswm dros adael iddyn nhw ddod, neu gwrthodwch y cais.',
	'journeys.flags.leadBanned.open':
		'Mae {name} yn arwain yr ymweliad hwn ac wedi’i wahardd rhag ymweld hyd nes y clywir yn wahanol ({reason}), sy’n cynnwys {dates}. Rhaid i oedolyn arall ei arwain: tynnwch {name} o’r ymweliad os oes oedolyn arall yn dod, rhowch reswm dros adael iddyn nhw ddod, neu gwrthodwch y cais.',
	'journeys.override.label': 'Pam y caiff yr ymweliad hwn fynd yn ei flaen er gwaethaf: {flags}?',
	'journeys.override.hint': 'Caiff hyn ei gofnodi gyda’ch enw, a’i ddangos ar restr y dydd ac wrth y giât.',
	'journeys.confirm.excludeHint':
		'Er enghraifft, ymwelydd sydd wedi’i wahardd neu nad yw ar restr ymwelwyr y carcharor. Os byddwch yn tynnu’r prif ymwelydd o’r ymweliad, rhaid i oedolyn arall ar yr ymweliad ei arwain.',
	'journeys.confirm.leadVisitor': '{name} (prif ymwelydd)',
	'journeys.confirm.leadNeedsAdult':
		'Rhaid i oedolyn arall {age} oed neu’n hŷn fod yn dod i arwain yr ymweliad os byddwch yn tynnu’r prif ymwelydd ohono',
	'journeys.override.shown.title': 'Rhybudd wedi’i ddiystyru',
	'journeys.override.shown.banned': 'Mae {name} wedi’i wahardd a chafodd ddod gan {by}: “{reason}”',
	'journeys.override.shown.allowance': 'Wedi’i drefnu heb ymweliadau ar ôl yn y lwfans gan {by}: “{reason}”',
	'journeys.override.shown.someone': 'aelod o staff',
	'journeys.gate.banned': 'Wedi’i wahardd',
	'journeys.gate.bannedCheck': 'Gwiriwch gyda’r swyddog sydd â gofal cyn gadael iddyn nhw ddod i mewn.',
	'journeys.gate.alreadyTitle': 'Mae’r ymweliad hwn eisoes wedi’i gofnodi wrth y giât',
	'journeys.gate.who.hint': 'Ticiwch bob ymwelydd sydd yma. Does neb wedi’i dicio nes i chi wneud hynny.',
	'journeys.gate.outcome.legend': 'Beth ddigwyddodd?',
	'journeys.gate.outcome.change': 'Newid beth ddigwyddodd',
	'journeys.gate.outcome.save': 'Cadw beth ddigwyddodd',
	'journeys.gate.note': 'Nodyn (dewisol)',
	'journeys.gate.noteHint': 'Er enghraifft, pam y gwrthodwyd mynediad.',
	'journeys.gate.otherDayListed': 'Mae ymweliad {reference} ar {date}, nid heddiw.',
	'journeys.outcome.attended': 'Wedi dod',
	'journeys.outcome.refused_entry': 'Gwrthodwyd mynediad',
	'journeys.outcome.visitor_left_early': 'Gadawodd yr ymwelydd yn gynnar',
	'journeys.outcome.ended_by_staff': 'Daeth staff â’r ymweliad i ben',
	'journeys.outcome.prisoner_declined': 'Gwrthododd y carcharor yr ymweliad',
	'journeys.outcome.not_attended': 'Heb ddod',
	'journeys.outcome.hint.attended': 'Daeth yr ymwelwyr i mewn a chynhaliwyd yr ymweliad.',
	'journeys.outcome.hint.refused_entry': 'Daeth yr ymwelwyr at y giât ond ni chawsant ddod i mewn.',
	'journeys.outcome.hint.visitor_left_early': 'Dechreuodd yr ymweliad a gadawodd yr ymwelwyr cyn y diwedd.',
	'journeys.outcome.hint.ended_by_staff': 'Rhoddodd staff stop ar yr ymweliad.',
	'journeys.outcome.hint.prisoner_declined': 'Daeth yr ymwelwyr ond nid oedd y carcharor eisiau’r ymweliad.',
	'journeys.report.outcomesCaption': 'Sut aeth ymweliadau a drefnwyd wrth y giât',
	'journeys.reads.repeats.one': '(ac unwaith eto, tan {until})',
	'journeys.reads.repeats.two': '(a {count} waith eto, tan {until})',
	'journeys.reads.repeats.other': '(a {count} gwaith eto, tan {until})',
	'journeys.report.minutes.one': '{count} munud',
	'journeys.report.minutes.two': '{count} funud',
	'journeys.report.minutes.other': '{count} munud'
};
