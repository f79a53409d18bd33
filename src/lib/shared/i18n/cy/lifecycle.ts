import type { lifecycleEn } from '../en/lifecycle';

export const lifecycleCy: Record<keyof typeof lifecycleEn, string> = {
	'field.cancelBooked.invalid': "Dywedwch a ddylid canslo'r ymweliadau wedi'u trefnu (true neu false)",
	'api.closure.hitsVisits': "Mae ymweliadau wedi'u trefnu yn ystod y cau hwn ({count}). Caewch a chanslwch nhw, neu dewiswch ddyddiad arall.",
	'api.timetable.hitsVisits':
		"Byddai'r newid hwn yn gadael ymweliadau wedi'u trefnu heb le ({count}). Canslwch yr ymweliadau hynny, neu caewch y dyddiadau hynny, yn gyntaf.",

	'push.request.reminder.title': 'Mae eich ymweliad yfory',
	'push.request.reminder.body': 'Mae eich ymweliad â {prison} yfory, {date} am {time}. Cyfeirnod {reference}.',

	'email.subject.sent': 'Cais am ymweliad wedi ei anfon: {reference}',
	'email.subject.booked': "Mae eich ymweliad wedi'i drefnu: {reference}",
	'email.subject.rejected': 'Ni dderbyniwyd eich cais am ymweliad: {reference}',
	'email.subject.cancelled': 'Mae eich ymweliad wedi ei ganslo: {reference}',
	'email.subject.reminder': 'Mae eich ymweliad yfory: {reference}',
	'email.greeting': 'Annwyl {name},',
	'email.body.sent':
		"Mae eich cais i ymweld â {prison} wedi ei anfon. Bydd y carchar yn rhoi gwybod i chi a all drefnu un o'r amseroedd a ddewisoch.",
	'email.body.booked': "Mae eich ymweliad â {prison} wedi'i drefnu ar gyfer {date} am {time}. Mae ffeil calendr ynghlwm.",
	'email.body.rejected': 'Ni dderbyniwyd eich cais i ymweld â {prison}.',
	'email.body.cancelled': 'Mae eich ymweliad â {prison} ar {date} am {time} wedi ei ganslo.',
	'email.body.reminder': 'Dyma nodyn i’ch atgoffa bod eich ymweliad â {prison} yfory, {date} am {time}.',
	'email.reference': 'Cyfeirnod: {reference}',
	'email.why': 'Pam: {reasons}',
	'email.message': 'Neges gan y carchar: {message}',
	'email.address': 'Cyfeiriad: {address}',
	'email.next.rejected': "Gallwch ddewis amseroedd newydd ac anfon y cais eto yn yr ap.",
	'email.next.cancelled': "Gallwch ddewis amseroedd newydd yn yr ap: mae eich atebion wedi'u cadw.",
	'email.next.booked': 'Dewch â dogfen adnabod gyda llun ar gyfer pob ymwelydd sy’n oedolyn.',
	'email.footer': "Rydych yn cael yr e-bost hwn gan {service} oherwydd i chi roi'r cyfeiriad hwn wrth ofyn am ymweliad.",
	'email.attachmentName': 'ymweliad-{reference}.ics',

	'staff.closures.hits.title': "Bydd ymweliadau wedi'u trefnu yn cael eu canslo",
	'staff.closures.hits.one': "Bydd 1 ymweliad wedi'i drefnu yn cael ei ganslo: {references}",
	'staff.closures.hits.many': "Bydd {count} ymweliad wedi'u trefnu yn cael eu canslo: {references}",
	'staff.closures.hits.explain': "Bydd pob teulu'n cael gwybod, gyda'ch rheswm, a gall ddewis amseroedd newydd. Nid oes dim wedi ei gadw eto.",
	'staff.closures.hits.confirm': "Cau a'u canslo",
	'staff.closures.hits.keep': 'Peidio â chau',
	'staff.timetable.hits.one': "Byddai'r newid hwn yn gadael 1 ymweliad wedi'i drefnu heb le: {references}",
	'staff.timetable.hits.many': "Byddai'r newid hwn yn gadael {count} ymweliad wedi'u trefnu heb le: {references}",
	'staff.timetable.hits.explain': 'Nid oes dim wedi ei gadw. Canslwch yr ymweliadau hynny, neu caewch y dyddiadau hynny, yn gyntaf.',
	'staff.choice.closed': 'Ar gau: {reason}',

	'visitor.slots.day.closedReason': 'Ar gau: {reason}',
	'visitor.visit.prisonClosed': "Caeodd y carchar ymweliadau ar yr adeg hon: {reason}",
	'visitor.visit.chooseNewTimes': 'Dewis amseroedd newydd'
};
