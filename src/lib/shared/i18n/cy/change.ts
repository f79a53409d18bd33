import type { changeEn } from '../en/change';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/change.ts.
export const changeCy: WelshCatalogue<typeof changeEn> = {
	'change.link': 'Newid yr ymweliad hwn',
	'change.title': 'Newid eich ymweliad',
	'change.intro':
		'Mae eich ymweliad yn aros wedi’i drefnu ar gyfer {date} am {time} nes bydd y carchar yn penderfynu. Dewiswch amseroedd newydd, newidiwch pwy sy’n dod, neu’r ddau.',
	'change.when.title': 'Pryd',
	'change.when.hint': 'Dewiswch hyd at 3 amser newydd, yn nhrefn eich dewis, neu ddim un i gadw’r amser a drefnwyd.',
	'change.who.title': 'Pwy sy’n dod',
	'change.submit': 'Gofyn am newid yr ymweliad',
	'change.sameAsBooked': 'Dyma’r amser sydd wedi’i drefnu eisoes: dewiswch amser gwahanol',
	'change.cannot': 'Ni ellir newid yr ymweliad hwn nawr.',
	'validation.change.nothing': 'Dewiswch amseroedd newydd neu newidiwch pwy sy’n dod',
	'change.pending.title': 'Rydych wedi gofyn am newid yr ymweliad hwn',
	'change.pending.queued':
		'Bydd eich newid yn cael ei anfon pan fydd gennych signal. Mae eich ymweliad yn aros wedi’i drefnu nes bydd y carchar yn penderfynu.',
	'change.pending.sent': 'Bydd y carchar yn rhoi gwybod i chi a allant ei symud. Mae eich ymweliad yn aros wedi’i drefnu tan hynny.',
	'change.pending.times': 'Amseroedd y gofynnoch amdanynt',
	'change.pending.timeStays': 'Mae’r amser yn aros fel y’i trefnwyd.',
	'change.pending.party': 'Pwy fyddai’n dod',
	'change.pending.added': 'Wedi’u hychwanegu: {names}',
	'change.pending.removed': 'Ddim yn dod mwyach: {names}',
	'change.withdraw': 'Tynnu’r newid yn ôl',
	'change.withdrawing': 'Yn tynnu eich newid yn ôl: bydd yn cael ei anfon pan fydd gennych signal.',
	'change.outcome.confirmed': 'Mae’r carchar wedi symud eich ymweliad. Roedd ar {date} am {time}.',
	'change.outcome.partyConfirmed': 'Mae’r carchar wedi gwneud eich newid i bwy sy’n dod. Mae’r amser yn aros fel y’i trefnwyd.',
	'change.outcome.rejected': 'Ni allai’r carchar newid eich ymweliad. Mae’n aros ar yr amser uchod.',
	'change.refused.title': 'Ni ellid gwneud eich newid',
	'change.ics.cancelled': 'Ei dynnu o’ch calendr (.ics)',
	'change.refused.body': 'Dywedodd gwasanaeth y carchar: {message}'
};
