// Words of issue #15's front-end work shown on visitor and staff pages alike.
export const frontendCommonEn = {
	'banner.success': 'Success'
} as const;
