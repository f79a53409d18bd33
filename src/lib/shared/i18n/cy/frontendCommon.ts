import type { frontendCommonEn } from '../en/frontendCommon';

export const frontendCommonCy: Record<keyof typeof frontendCommonEn, string> = {
	'banner.success': 'Llwyddiant'
};
