// Staff pages' words of issue #15's front-end work (success banners on the timetable page).
export const frontendStaffEn = {
	'staff.timetable.savedBanner': 'Timetable saved',
	'staff.closures.addedBanner': 'Closure added for {date}'
} as const;
