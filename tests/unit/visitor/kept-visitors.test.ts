import { describe, expect, it } from 'vitest';
import { keptVisitorDraft, onlyBlankLead } from '../../../src/lib/visitor/last-party';
import { emptyVisitor } from '../../../src/lib/visitor/draft';

const grace = {
	id: 'v1',
	firstName: 'Grace',
	lastName: 'Hopper',
	dateOfBirth: '1970-12-09',
	email: 'grace@example.com',
	phone: '07700900123'
};

describe("a signed-in family's kept visitors", () => {
	it('come as the lead with their contact details, and as another visitor without', () => {
		expect(keptVisitorDraft(grace, true)).toEqual({
			firstName: 'Grace',
			lastName: 'Hopper',
			dateOfBirth: { day: '9', month: '12', year: '1970' },
			email: 'grace@example.com',
			phone: '07700900123'
		});
		expect(keptVisitorDraft(grace, false)).toMatchObject({ email: '', phone: '' });
	});

	it('take the place of a blank lead, and only of a blank one', () => {
		expect(onlyBlankLead({ visitors: [emptyVisitor()] })).toBe(true);
		expect(onlyBlankLead({ visitors: [] })).toBe(true);
		expect(onlyBlankLead({ visitors: [keptVisitorDraft(grace, true)] })).toBe(false);
		expect(onlyBlankLead({ visitors: [emptyVisitor(), emptyVisitor()] })).toBe(false);
	});
});
