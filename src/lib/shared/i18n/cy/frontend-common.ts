import type { frontendCommonEn } from '../en/frontend-common';
import type { WelshCatalogue } from '../index';

export const frontendCommonCy: WelshCatalogue<typeof frontendCommonEn> = {
	'banner.success': 'Llwyddiant'
};
