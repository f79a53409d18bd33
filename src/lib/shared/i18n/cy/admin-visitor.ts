// Y switsh trefnu ar-lein fel y mae ymwelwyr yn ei ddarllen (issue #19).
import type { adminVisitorEn } from '../en/admin-visitor';
import type { WelshCatalogue } from '../index';

export const adminVisitorCy: WelshCatalogue<typeof adminVisitorEn> = {
	'admin.onlineBooking.off': 'Mae trefnu ar-lein i ffwrdd ar gyfer y carchar hwn',
	'admin.onlineBooking.refused': 'Mae trefnu ar-lein i ffwrdd ar gyfer y carchar hwn: {message}'
};
