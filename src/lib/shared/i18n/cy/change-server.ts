import type { changeServerEn } from '../en/change-server';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/changeServer.ts.
export const changeServerCy: WelshCatalogue<typeof changeServerEn> = {
	'api.change.notBooked': 'Dim ond ymweliad sydd wedi’i drefnu y gellir ei newid: mae’r cais hwn {status} ({actor} ar {at})',
	'api.change.visitCancelled': 'Cafodd yr ymweliad hwn ei ganslo {actor} ar {at}, felly ni ellir ei newid',
	'api.change.visitStarted': 'Mae’r ymweliad hwn eisoes wedi dechrau neu wedi mynd heibio, felly ni ellir ei newid',
	'api.change.pending':
		'Mae newid i’r ymweliad hwn eisoes yn aros am y carchar (gofynnwyd ar {at}). Tynnwch ef yn ôl yn gyntaf i ofyn am amseroedd eraill.',
	'api.change.sameAsBooked': 'Dyma’r amser sydd wedi’i drefnu eisoes: dewiswch amser gwahanol',
	'api.change.slotNotAsked': 'Ni ofynnodd y teulu am yr amser hwn: dewiswch un o’r amseroedd a ofynnwyd amdanynt',
	'api.change.slotRequired': 'Dewiswch pa un o’r amseroedd a ofynnwyd amdanynt gan y teulu y bydd yr ymweliad yn symud iddo',
	'api.change.none': 'Ni ofynnwyd am newid i’r ymweliad hwn',
	'api.change.already.confirmed': 'Cafodd y newid hwn ei gadarnhau eisoes {actor} ar {at}',
	'api.change.already.rejected': 'Cafodd y newid hwn ei wrthod eisoes {actor} ar {at}',
	'api.change.already.withdrawn': 'Cafodd y newid hwn ei dynnu’n ôl {actor} ar {at}',
	'api.change.already.ended': 'Daeth y newid hwn i ben ar {at} pan gafodd yr ymweliad ei ganslo',
	'api.change.already.pending': 'Mae’r newid hwn yn dal i aros am benderfyniad (gofynnwyd ar {at})',
	'push.request.change_booked.title': 'Mae eich ymweliad wedi symud',
	'push.request.change_booked.body': 'Mae eich ymweliad â {prison} nawr ar {date} am {time}. Cyfeirnod {reference}.',
	'push.request.change_booked_party.title': 'Mae eich ymweliad wedi symud ac mae’r bobl sy’n dod wedi newid',
	'push.request.change_booked_party.body':
		'Mae eich ymweliad â {prison} nawr ar {date} am {time}, gyda’r bobl y gofynnoch amdanyn nhw. Cyfeirnod {reference}.',
	'push.request.change_party.title': 'Mae’r bobl sy’n dod i’ch ymweliad wedi newid',
	'push.request.change_party.body':
		'Mae’r carchar wedi newid pwy sy’n dod i’ch ymweliad â {prison} ar {date} am {time}. Cyfeirnod {reference}.',
	'push.request.change_rejected.title': 'Ni ellid newid eich ymweliad',
	'push.request.change_rejected.body':
		'Ni allai’r carchar newid eich ymweliad â {prison}. Mae’n aros ar {date} am {time}. Agorwch yr ap i weld pam.',
	'email.subject.change_booked': 'Mae eich ymweliad wedi symud: {reference}',
	'email.subject.change_booked_party': 'Mae eich ymweliad wedi symud ac mae’r bobl sy’n dod wedi newid: {reference}',
	'email.subject.change_party': 'Mae’r bobl sy’n dod i’ch ymweliad wedi newid: {reference}',
	'email.subject.change_rejected': 'Ni ellid newid eich ymweliad: {reference}',
	'email.body.change_booked':
		'Mae’r carchar wedi symud eich ymweliad â {prison}. Mae nawr ar {date} am {time}. Mae ffeil calendr wedi’i diweddaru ynghlwm.',
	'email.body.change_booked_party':
		'Mae’r carchar wedi symud eich ymweliad â {prison} ac wedi newid pwy sy’n dod, fel y gofynnoch chi. Mae nawr ar {date} am {time}. Mae ffeil calendr wedi’i diweddaru ynghlwm.',
	'email.body.change_party':
		'Mae’r carchar wedi newid pwy sy’n dod i’ch ymweliad â {prison}, fel y gofynnoch chi. Mae eich ymweliad yn aros ar {date} am {time}.',
	'email.body.change_rejected': 'Ni allai’r carchar newid eich ymweliad â {prison}. Mae eich ymweliad yn aros ar {date} am {time}.'
};
