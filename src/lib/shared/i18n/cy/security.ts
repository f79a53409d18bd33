import type { securityEn } from '../en/security';

export const securityCy: Record<keyof typeof securityEn, string> = {
	'push.endpoint.notAllowed': 'Dim ond drwy wasanaeth gwthio hysbys y gellir anfon hysbysiadau'
};
