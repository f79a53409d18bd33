/**
 * Polls `check` every 50 ms until it holds, for what the server's workers do after an answer
 * (pushes sent, emails delivered, jobs drained); fails naming `what` after `timeoutMs`.
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
