import type { emailEn } from '../en/email';
import type { WelshCatalogue } from '../index';

export const emailCy: WelshCatalogue<typeof emailEn> = {
	'api.closure.hitsVisits':
		'Mae ymweliadau wedi’u trefnu yn ystod y cyfnod cau hwn ({count}). Caewch a chanslwch nhw, neu dewiswch ddyddiad arall.',
	'api.timetable.hitsVisits':
		'Byddai’r newid hwn yn gadael ymweliadau wedi’u trefnu heb le ({count}). Canslwch yr ymweliadau hynny, neu caewch y dyddiadau hynny, yn gyntaf.',
	'push.request.reminder.title': 'Mae eich ymweliad yfory',
	'push.request.reminder.body': 'Mae eich ymweliad â {prison} yfory, {date} am {time}. Cyfeirnod {reference}.',
	'email.subject.sent': 'Cais am ymweliad wedi ei anfon: {reference}',
	'email.subject.booked': 'Mae eich ymweliad wedi’i drefnu: {reference}',
	'email.subject.rejected': 'Ni dderbyniwyd eich cais am ymweliad: {reference}',
	'email.subject.cancelled': 'Mae eich ymweliad wedi ei ganslo: {reference}',
	'email.subject.reminder': 'Mae eich ymweliad yfory: {reference}',
	'email.greeting': 'Annwyl {name},',
	'email.body.sent':
		'Mae eich cais i ymweld â {prison} wedi ei anfon. Bydd y carchar yn rhoi gwybod i chi a all drefnu un o’r amseroedd a ddewisoch.',
	'email.body.booked': 'Mae eich ymweliad â {prison} wedi’i drefnu ar gyfer {date} am {time}. Mae ffeil calendr ynghlwm.',
	'email.body.rejected': 'Ni dderbyniwyd eich cais i ymweld â {prison}.',
	'email.body.cancelled': 'Mae eich ymweliad â {prison} ar {date} am {time} wedi ei ganslo.',
	'email.body.reminder': 'Dyma nodyn i’ch atgoffa bod eich ymweliad â {prison} yfory, {date} am {time}.',
	'email.reference': 'Cyfeirnod: {reference}',
	'email.why': 'Pam: {reasons}',
	'email.message': 'Neges gan y carchar: {message}',
	'email.address': 'Cyfeiriad: {address}',
	'email.next.rejected': 'Gallwch ddewis amseroedd newydd ac anfon y cais eto yn yr ap.',
	'email.next.cancelled': 'Gallwch ddewis amseroedd newydd yn yr ap: mae eich atebion wedi’u cadw.',
	'email.next.booked': 'Dewch â phrawf adnabod â llun ar gyfer pob ymwelydd sy’n oedolyn.',
	'email.footer': 'Rydych yn cael yr e-bost hwn gan y gwasanaeth {service} oherwydd i chi roi’r cyfeiriad hwn wrth ofyn am ymweliad.',
	'email.attachmentName': 'ymweliad-{reference}.ics'
};
