// Y switsh archebu ar-lein fel y mae ymwelwyr yn ei ddarllen (issue #19).
import type { adminVisitorEn } from '../en/adminVisitor';

export const adminVisitorCy: Record<keyof typeof adminVisitorEn, string> = {
	'admin.onlineBooking.off': 'Mae archebu ar-lein i ffwrdd ar gyfer y carchar hwn',
	'admin.onlineBooking.refused': 'Mae archebu ar-lein i ffwrdd ar gyfer y carchar hwn: {message}'
};
