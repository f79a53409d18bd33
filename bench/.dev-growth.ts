import { createBenchDatabase } from './database';
import { migrateToLatest } from '../server/db/migrate';
import { growTo, measureCalendar, seedGrowth, usagePlan } from './scenarios/growth';
const bench = await createBenchDatabase(process.env.DATABASE_URL);
const open = await bench.open();
try {
	await migrateToLatest(open.db);
	const id = await seedGrowth(open.db);
	console.log('load 10k', await growTo(open.db, 10_000));
	console.log(await measureCalendar(open.db, id), await usagePlan(open.db, id));
	console.log('load 1M', await growTo(open.db, Number(process.env.N ?? 1_000_000)));
	console.log(await measureCalendar(open.db, id), await usagePlan(open.db, id));
} finally {
	await open.close();
	await bench.drop();
}
