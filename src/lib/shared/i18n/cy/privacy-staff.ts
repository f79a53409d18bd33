import type { privacyStaffEn } from '../en/privacy-staff';
import type { WelshCatalogue } from '../index';

export const privacyStaffCy: WelshCatalogue<typeof privacyStaffEn> = {
	'privacy.staff.removed.visitor_asked': 'Manylion wedi’u dileu ar gais yr ymwelydd',
	'privacy.staff.removed.retention': 'Manylion wedi’u dileu ar ôl y cyfnod cadw',
	'privacy.staff.reads': 'Pwy sydd wedi edrych ar y cais hwn',
	'privacy.staff.read': 'Edrychodd {name} ar {what}, {at}',
	'privacy.staff.read.request': 'y cais hwn',
	'privacy.staff.read.queue': 'y cais yn y ciw',
	'privacy.staff.read.day-list': 'y cais ar y rhestr ymweliadau',
	'privacy.staff.read.record': 'y cais ar gofnod y carcharor'
};
