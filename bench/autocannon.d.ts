// autocannon 9 ships no type declarations: the part of its API the bench uses.
declare module 'autocannon' {
	interface RawRequest {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string | Buffer;
	}

	interface RequestSpec extends RawRequest {
		setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest;
		onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
	}

	interface Options {
		url: string;
		connections?: number;
		duration?: number;
		amount?: number;
		timeout?: number;
		method?: string;
		headers?: Record<string, string>;
		body?: string;
		requests?: RequestSpec[];
		/** Percentiles are kept for the whole run only when sampling is off. */
		excludeErrorStats?: boolean;
	}

	interface Histogram {
		average: number;
		mean: number;
		stddev: number;
		min: number;
		max: number;
		p50: number;
		p90: number;
		p99: number;
		p99_9?: number;
		total: number;
	}

	interface Result {
		requests: Histogram & { sent: number };
		latency: Histogram;
		throughput: Histogram;
		errors: number;
		timeouts: number;
		non2xx: number;
		duration: number;
		'1xx': number;
		'2xx': number;
		'3xx': number;
		'4xx': number;
		'5xx': number;
		statusCodeStats?: Record<string, { count: number }>;
	}

	interface Instance extends PromiseLike<Result> {
		stop(): void;
	}

	function autocannon(options: Options): Instance;
	export default autocannon;
	export type { Options, RequestSpec, RawRequest, Result };
}
