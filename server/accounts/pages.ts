// The pages a browser sees when a sign-in ends without one: the provider sent it back to an API path,
// so the answer is a small HTML page in the reader's language (not the API's JSON), with a way back.
import type { Context } from 'hono';
import { translate, type Locale, type MessageKey } from '../../src/lib/shared/i18n';

export interface SignInPage {
	status: 400 | 403 | 503;
	title: MessageKey;
	body: MessageKey;
	back: { href: string; label: MessageKey };
}

export function signInPage(c: Context, language: Locale, page: SignInPage): Response {
	const say = (key: MessageKey) => escapeHtml(translate(language, key));
	const html = `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${say(page.title)}</title>
</head>
<body>
<main>
<h1>${say(page.title)}</h1>
<p>${say(page.body)}</p>
<p><a href="${escapeHtml(page.back.href)}">${say(page.back.label)}</a></p>
</main>
</body>
</html>
`;
	c.header('Cache-Control', 'no-store');
	c.header('Content-Language', language);
	return c.html(html, page.status);
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
