import type { frontendStaffEn } from '../en/frontend-staff';
import type { WelshCatalogue } from '../index';

export const frontendStaffCy: WelshCatalogue<typeof frontendStaffEn> = {
	'staff.timetable.savedBanner': 'Amserlen wedi’i chadw',
	'staff.closures.addedBanner': 'Cyfnod cau wedi’i ychwanegu ar gyfer {date}'
};
