import type { gateEn } from '../en/gate';
import type { WelshCatalogue } from '../index';

// Wrth y giât (issue #16): the Welsh for every key of en/gate.ts, with the same {placeholders}.
export const gateCy: WelshCatalogue<typeof gateEn> = {
	'gate.validation.arrivedAt': 'Rhowch yr amser cyrraedd fel dyddiad ac amser, er enghraifft 2026-12-05T13:52:00Z',
	'gate.validation.visitors': 'Dewiswch o leiaf un ymwelydd sydd wedi cyrraedd',
	'gate.api.notBooked': 'Mae’r ymweliad hwn {status}: dim ond ar gyfer ymweliad sydd wedi’i drefnu y gellir cofnodi cyrraedd',
	'gate.api.noSuchVisitor': 'Dewiswch ymwelydd sydd wedi’i drefnu ar gyfer yr ymweliad hwn',
	'gate.api.wrongDay': 'Mae’r ymweliad hwn ar {date}: dim ond ar ddiwrnod yr ymweliad y gellir cofnodi cyrraedd',
	'gate.api.arrived': 'Cofnodwyd cyrraedd am {time}',
	'gate.api.alreadyArrived': 'Wedi cyrraedd yn barod am {time}',

	'gate.nav': 'Giât',
	'gate.title': 'Cofrestru ymwelwyr',
	'gate.caption': 'Ymweliadau ar {date}',
	'gate.scan.start': 'Sganio tocyn ymweld',
	'gate.scan.stop': 'Stopio sganio',
	'gate.scan.hint': 'Daliwch y tocyn o flaen y camera.',
	'gate.scan.video': 'Llun y camera ar gyfer sganio tocynnau',
	'gate.scan.unavailable': 'Nid oes modd defnyddio’r camera ar y ddyfais hon. Teipiwch gyfeirnod yr ymweliad yn lle hynny.',
	'gate.reference.label': 'Neu deipiwch gyfeirnod yr ymweliad',
	'gate.reference.hint': 'Er enghraifft, K7PQ-XHDW. Gall sganiwr llaw ddarllen tocyn i’r blwch hwn hefyd.',
	'gate.reference.find': 'Dod o hyd i’r ymweliad',
	'gate.reference.required': 'Rhowch gyfeirnod yr ymweliad',
	'gate.notCached':
		'Nid yw rhestr heddiw wedi’i chadw ar y dabled hon, felly nid oes modd gwirio tocynnau. Cysylltwch â’r rhyngrwyd i’w chael.',
	'gate.refused.title': 'Peidiwch â derbyn y tocyn hwn',
	'gate.refused.garbage':
		'Nid tocyn ymweld yw hwn. Gofynnwch am y tocyn o’r ap Trefnu ymweliad â charchar, neu deipiwch gyfeirnod yr ymweliad.',
	'gate.refused.otherPrison': 'Mae’r tocyn hwn ar gyfer carchar arall.',
	'gate.refused.otherDay': 'Mae’r tocyn hwn ar gyfer {date}, nid heddiw.',
	'gate.refused.signature':
		'Ni chafodd y tocyn hwn ei lofnodi gan y carchar hwn: gallai fod yn ffug. Gwiriwch yr ymwelwyr yn erbyn y rhestr a’u prawf adnabod â llun.',
	'gate.refused.cancelled': 'Cafodd ymweliad {reference} ei ganslo.',
	'gate.refused.notListed': 'Nid oes ymweliad {reference} ar restr heddiw.',
	'gate.checked.signed': 'Tocyn wedi’i wirio: wedi’i lofnodi gan y carchar hwn.',
	'gate.checked.typed': 'Wedi dod o hyd iddo drwy ei gyfeirnod: gwiriwch brawf adnabod â llun pob ymwelydd.',
	'gate.visit.heading': 'Ymweliad {reference}, {time}',
	'gate.visit.prisoner': 'Carcharor',
	'gate.visit.support': 'Cymorth sydd ei angen',
	'gate.visit.flags': 'Rhybuddion',
	'gate.visit.who': 'Pwy sydd wedi cyrraedd?',
	'gate.visit.age': '{age} oed',
	'gate.visit.child': 'Plentyn',
	'gate.visit.excluded': 'Ddim yn cael dod ar yr ymweliad hwn',
	'gate.visit.record': 'Cofnodi cyrraedd',
	'gate.visit.visitorsRequired': 'Dewiswch o leiaf un ymwelydd sydd wedi cyrraedd',
	'gate.alreadyArrived': 'Wedi cyrraedd yn barod am {time}',
	'gate.recorded': 'Cofnodwyd cyrraedd am {time}',
	'gate.waiting': 'Cofnodwyd cyrraedd am {time} ar y dabled hon. Caiff ei anfon pan fydd y cysylltiad yn ôl.',
	'gate.refusedByServer': 'Ni chofnodwyd y cyrraedd: {message}',
	'gate.refusedDismiss': 'Rwyf wedi darllen hwn',

	'attendance.heading': 'Presenoldeb',
	'attendance.arrived': 'Wedi cyrraedd {time}',
	'attendance.expected': 'Ddim eto',
	'attendance.not_attended': 'Heb ddod',
	'attendance.waiting': 'Wedi cyrraedd {time}, yn aros i anfon',
	'attendance.counts': '{arrived} wedi cyrraedd, {expected} ddim eto, {notAttended} heb ddod',
	'attendance.someVisitors.one': '{arrived} o 1 ymwelydd',
	'attendance.someVisitors.other': '{arrived} o {count} ymwelydd'
};
