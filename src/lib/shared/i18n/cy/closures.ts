import type { closuresEn } from '../en/closures';
import type { WelshCatalogue } from '../index';

export const closuresCy: WelshCatalogue<typeof closuresEn> = {
	'field.cancelBooked.invalid': 'Dywedwch a ddylid canslo’r ymweliadau wedi’u trefnu (true neu false)',
	'staff.closures.hits.title': 'Bydd ymweliadau wedi’u trefnu yn cael eu canslo',
	'staff.closures.hits.one': 'Bydd 1 ymweliad wedi’i drefnu yn cael ei ganslo: {references}',
	'staff.closures.hits.other': 'Bydd {count} ymweliad wedi’u trefnu yn cael eu canslo: {references}',
	'staff.closures.hits.explain':
		'Bydd pob teulu’n cael gwybod, gyda’ch rheswm, a gall pob un ddewis amseroedd newydd. Nid oes dim wedi’i gadw eto.',
	'staff.closures.hits.confirm': 'Cau a’u canslo',
	'staff.closures.hits.keep': 'Peidio â chau',
	'staff.timetable.hits.one': 'Byddai’r newid hwn yn gadael 1 ymweliad wedi’i drefnu heb le: {references}',
	'staff.timetable.hits.other': 'Byddai’r newid hwn yn gadael {count} ymweliad wedi’u trefnu heb le: {references}',
	'staff.timetable.hits.explain': 'Nid oes dim wedi’i gadw. Canslwch yr ymweliadau hynny, neu caewch y dyddiadau hynny, yn gyntaf.',
	'staff.choice.closed': 'Ar gau: {reason}'
};
