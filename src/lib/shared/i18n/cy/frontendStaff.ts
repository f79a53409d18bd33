import type { frontendStaffEn } from '../en/frontendStaff';

export const frontendStaffCy: Record<keyof typeof frontendStaffEn, string> = {
	'staff.timetable.savedBanner': "Amserlen wedi'i chadw",
	'staff.closures.addedBanner': "Cau wedi'i ychwanegu ar gyfer {date}"
};
