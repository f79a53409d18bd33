// Negeseuon y gall pob tudalen eu dangos (mae geiriau'r gwiriadau ffurflenni yn forms.ts). Cymraeg: the same keys and {placeholders} as en/common.ts.
import type { commonEn } from '../en/common';
import type { WelshCatalogue } from '../index';

export const commonCy: WelshCatalogue<typeof commonEn> = {
	// ── Service ───────────────────────────────────────────────────────────────
	'service.name': 'Trefnu ymweliad â charchar',

	// ── Push notifications ──────────────────────────────────────────────────────
	'push.endpoint.invalid': 'Rhoddodd y porwr hwn gyfeiriad hysbysiadau nad yw’n ddilys',
	'push.endpoint.tooLong': 'Rhoddodd y porwr hwn gyfeiriad hysbysiadau sy’n rhy hir',
	'push.keys.p256dh.invalid': 'Rhoddodd y porwr hwn allwedd hysbysiadau nad yw’n ddilys',
	'push.keys.auth.invalid': 'Rhoddodd y porwr hwn gyfrinach hysbysiadau nad yw’n ddilys',

	// ── Device: sync and updates ─────────────────────────────────────────────
	'sync.status.offline': 'Rydych chi all-lein. Gallwch lenwi ceisiadau o hyd: byddan nhw’n cael eu hanfon pan fyddwch chi ar-lein eto',
	'sync.status.offlineWaiting.one': 'All-lein: 1 cais yn aros i’w anfon',
	'sync.status.offlineWaiting.other': 'All-lein: {count} cais yn aros i’w hanfon',
	'sync.status.offlineWaiting.two': 'All-lein: {count} gais yn aros i’w hanfon',
	'sync.status.offlineWaiting.few': 'All-lein: {count} chais yn aros i’w hanfon',
	'sync.status.offlineWaiting.many': 'All-lein: {count} chais yn aros i’w hanfon',
	'sync.status.waiting.one': '1 cais yn aros i’w anfon',
	'sync.status.waiting.other': '{count} cais yn aros i’w hanfon',
	'sync.status.waiting.two': '{count} gais yn aros i’w hanfon',
	'sync.status.waiting.few': '{count} chais yn aros i’w hanfon',
	'sync.status.waiting.many': '{count} chais yn aros i’w hanfon',
	'sync.status.sending': 'Wrthi’n anfon…',
	'sync.status.failed.one': 'Ni chafodd 1 cais ei dderbyn: gwiriwch ef a’i anfon eto',
	'sync.status.failed.other': 'Ni chafodd {count} cais eu derbyn: gwiriwch nhw a’u hanfon eto',
	'sync.status.failed.two': 'Ni chafodd {count} gais eu derbyn: gwiriwch nhw a’u hanfon eto',
	'sync.status.failed.few': 'Ni chafodd {count} chais eu derbyn: gwiriwch nhw a’u hanfon eto',
	'sync.status.failed.many': 'Ni chafodd {count} chais eu derbyn: gwiriwch nhw a’u hanfon eto',
	'sync.status.staffSignIn': 'Mewngofnodwch eto i anfon eich penderfyniadau',
	'sync.request.waiting': 'Yn aros i’w anfon: bydd yn cael ei anfon yn awtomatig pan fyddwch chi ar-lein eto',
	'sync.request.rejected': 'Heb ei anfon: ni chafodd y cais hwn ei dderbyn. Gwiriwch y manylion a’i anfon eto',
	'sync.request.withdrawWaiting': 'Cais i dynnu’n ôl yn aros i’w anfon: bydd yn cael ei anfon yn awtomatig pan fyddwch chi ar-lein eto',
	'sync.request.cancelWaiting': 'Cais i ganslo yn aros i’w anfon: bydd yn cael ei anfon yn awtomatig pan fyddwch chi ar-lein eto',
	'sync.request.superseded': 'Cais wedi’i gywiro sydd yn ei le',
	'sync.staff.decisionWaiting': 'Penderfyniad yn aros i’w anfon: bydd yn cael ei anfon yn awtomatig pan ddaw’r cysylltiad yn ôl',
	'sync.error.network': 'Nid oedd modd cyrraedd y gwasanaeth. Bydd yn rhoi cynnig arall arni’n awtomatig',
	'sync.error.server': 'Mae problem gyda’r gwasanaeth. Bydd yn rhoi cynnig arall arni’n awtomatig',
	'sync.error.rateLimited': 'Gormod o geisiadau ar unwaith. Bydd yn rhoi cynnig arall arni’n awtomatig',
	'sync.error.unexpected': 'Rhoddodd y gwasanaeth ateb annisgwyl. Bydd yn rhoi cynnig arall arni’n awtomatig',
	'update.available': 'Mae fersiwn newydd ar gael',
	'update.title': 'Diweddariad',
	'update.reload': 'Ail-lwytho',

	// ── Visitor pages (shared parts) ───────────────────────────────────────────
	'visitor.pageTitle': '{title} – Trefnu ymweliad â charchar',
	'visitor.errorPrefix': 'Gwall: ',
	'visitor.skipLink': 'Neidio i’r prif gynnwys',
	'visitor.nav.label': 'Dewislen',
	'visitor.nav.book': 'Trefnu ymweliad',
	'visitor.nav.visits': 'Eich ymweliadau',
	'visitor.footer.staff': 'Mewngofnodi staff',
	'visitor.footer.label': 'Dolenni cymorth',
	'footer.privacy': 'Preifatrwydd',
	'footer.accessibility': 'Datganiad hygyrchedd',
	'footer.cookies': 'Cwcis',
	'footer.contact': 'Cysylltu',
	'service.description':
		'Gofynnwch am gael ymweld â rhywun yn y carchar o’ch ffôn, hyd yn oed heb signal, a gweld beth mae’r carchar yn ei benderfynu.',
	'visitor.status.online': 'Ar-lein',
	'visitor.status.offline': 'All-lein',
	'visitor.status.label': 'Cysylltiad',
	'visitor.change': 'Newid',
	'visitor.errorSummary.title': 'Mae problem wedi codi',
	'visitor.support.remaining.one': 'Mae gennych 1 nod ar ôl',
	'visitor.support.remaining.other': 'Mae gennych {count} nod ar ôl',
	'visitor.support.over.one': 'Mae gennych 1 nod yn ormod',
	'visitor.support.over.other': 'Mae gennych {count} nod yn ormod',

	// ── Notifications ───────────────────────────────────────────────────────────
	'notifications.working': 'Wrthi’n gosod hysbysiadau…',
	'notifications.unsupported':
		'Ni all y porwr hwn ddangos hysbysiadau gan y gwasanaeth hwn. Edrychwch ar eich ymweliadau yn yr ap i weld beth mae’r carchar wedi’i benderfynu.',
	'notifications.needsInstall':
		'Ar iPhone neu iPad, dim ond pan fydd y gwasanaeth hwn ar eich Sgrin Gartref y mae hysbysiadau’n gweithio. Yn Safari, tapiwch Rhannu (Share), yna Ychwanegu at y Sgrin Gartref (Add to Home Screen). Agorwch yr ap Trefnu ymweliad â charchar o’ch Sgrin Gartref a throwch hysbysiadau ymlaen yno.',
	'notifications.denied':
		'Mae hysbysiadau wedi’u rhwystro ar gyfer y gwasanaeth hwn yng ngosodiadau eich porwr. I’w cael, caniatewch hysbysiadau ar gyfer y wefan hon yn eich gosodiadau, yna dewch yn ôl i’r dudalen hon.',
	'notifications.dismissed':
		'Mae hysbysiadau wedi’u diffodd o hyd. I’w troi ymlaen, dewiswch Caniatáu (Allow) pan fydd eich ffôn yn gofyn.',
	'notifications.needsTap': 'Defnyddiwch y botwm i droi hysbysiadau ymlaen.',
	'notifications.noWorker':
		'Ni ellir troi hysbysiadau ymlaen nes bod yr ap wedi gorffen llwytho. Ail-lwythwch y dudalen a rhowch gynnig arall arni.',
	'notifications.offline': 'Mae angen signal arnoch i droi hysbysiadau ymlaen. Rhowch gynnig arall arni pan fyddwch chi ar-lein.',
	'notifications.pushService': 'Nid oedd eich porwr yn gallu gosod hysbysiadau ar hyn o bryd. Rhowch gynnig arall arni yn nes ymlaen.',
	'notifications.refused': 'Nid oedd modd troi hysbysiadau ymlaen. Rhowch gynnig arall arni yn nes ymlaen.'
};
