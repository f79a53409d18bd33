import type { accountsStaffEn } from '../en/accounts-staff';
import type { WelshCatalogue } from '../index';

export const accountsStaffCy: WelshCatalogue<typeof accountsStaffEn> = {
	'staff.signIn.organisation': 'Mewngofnodi gyda chyfrif eich sefydliad',
	'staff.signIn.withPassword': 'Neu fewngofnodi gyda chyfrinair',
	'staff.signIn.organisationOnly': 'Mae staff yn mewngofnodi gyda chyfrif eu sefydliad.'
};
