import type { privacyInfoEn } from '../en/privacy-info';
import type { WelshCatalogue } from '../index';

export const privacyInfoCy: WelshCatalogue<typeof privacyInfoEn> = {
	'privacy.notice.title': 'Hysbysiad preifatrwydd',
	'privacy.notice.whatHeading': 'Beth rydym yn ei gadw',
	'privacy.notice.what':
		'Ar gyfer pob cais: enw, dyddiad geni a rhif carcharor y carcharor; enw a dyddiad geni pob ymwelydd; cyfeiriad e-bost neu rif ffôn y prif ymwelydd os ydych yn eu rhoi; unrhyw gymorth ychwanegol y gofynnwch amdano; yr amseroedd a ddewisoch; a beth ddigwyddodd i’r cais. Mae’r ffôn hwn yn cadw copi fel ei fod yn gweithio heb signal.',
	'privacy.notice.howLongHeading': 'Am ba hyd rydym yn ei gadw',
	'privacy.notice.howLong':
		'Mae manylion personol cais yn cael eu dileu {days} diwrnod ar ôl dyddiad yr ymweliad neu’r newid olaf i’r cais, pa un bynnag sydd hwyraf. Mae cyfrifon (sawl cais ac ymweliad, ar ba ddyddiau) yn cael eu cadw ar gyfer ystadegau heb unrhyw enwau.',
	'privacy.notice.whoHeading': 'Pwy sy’n ei weld',
	'privacy.notice.who':
		'Dim ond staff yn y carchar rydych yn ymweld ag ef. Bob tro y mae aelod o staff yn edrych ar gais, mae’r gwasanaeth yn cofnodi pwy edrychodd a phryd. Nid yw eich manylion yn cael eu hysgrifennu i logiau’r gwasanaeth ac nid ydynt yn cael eu rhannu ag unrhyw un arall.',
	'privacy.notice.rightsHeading': 'Eich hawliau',
	'privacy.notice.rights':
		'Ar “Eich ymweliadau” gallwch lawrlwytho popeth y mae’r gwasanaeth yn ei gadw am y ceisiadau a wnaed ar eich ffôn, neu ei ddileu. Mae dileu yn canslo ymweliadau yn y dyfodol ac yn tynnu’n ôl geisiadau sy’n aros am benderfyniad.',
	'privacy.notice.yourVisits': 'Mynd i’ch ymweliadau'
};
