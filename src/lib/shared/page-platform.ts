/** What the Hono server gives SvelteKit's when it renders a page (server/http/pages.ts; App.Platform in app.d.ts). */
export interface PagePlatform {
	/** The API, called in-process with the page request's own connection (limits see the real caller). */
	api(request: Request): Promise<Response>;
}
