// Runs once before the whole suite. Database and browser helpers add their one-time work here.
export default async function setup(): Promise<void> {}
