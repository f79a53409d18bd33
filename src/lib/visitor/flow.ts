/** The booking pages in order. A page opened from "Check your answers" returns there. */
export const STEPS = ['prison', 'prisoner', 'visitors', 'slots', 'support', 'check'] as const;
export type Step = (typeof STEPS)[number];

export const stepPath = (step: Step): string => `/book/${step}`;

/** The query a Change link adds, so the page knows to go back to the check page. */
export const FROM_CHECK = 'from=check';

export function isFromCheck(url: URL): boolean {
	return url.searchParams.get('from') === 'check';
}

export function nextPath(step: Step, fromCheck: boolean): string {
	if (fromCheck) return stepPath('check');
	const index = STEPS.indexOf(step);
	return stepPath(STEPS[Math.min(index + 1, STEPS.length - 1)] as Step);
}

export function backPath(step: Step, fromCheck: boolean): string {
	if (fromCheck) return stepPath('check');
	const index = STEPS.indexOf(step);
	return index === 0 ? '/' : stepPath(STEPS[index - 1] as Step);
}

export const changePath = (step: Step): string => `${stepPath(step)}?${FROM_CHECK}`;

/** The page most likely to need a change, by what the prison said was wrong. */
export function sendAgainStep(reasons: readonly string[] | undefined): Step {
	if (reasons?.some((reason) => reason === 'prisoner_details_incorrect' || reason === 'prisoner_moved')) return 'prisoner';
	if (reasons?.some((reason) => reason === 'visitor_banned' || reason === 'visitor_not_on_list')) return 'visitors';
	if (reasons?.some((reason) => reason === 'slot_unavailable')) return 'slots';
	return 'check';
}
