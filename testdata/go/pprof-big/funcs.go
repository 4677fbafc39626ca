// Code generated for the pprof benchmark: call levels f000..f399 (see main.go). DO NOT EDIT.

package main

//go:noinline
func f000(d, c, s int) { step(d, c, s) }

//go:noinline
func f001(d, c, s int) { step(d, c, s) }

//go:noinline
func f002(d, c, s int) { step(d, c, s) }

//go:noinline
func f003(d, c, s int) { step(d, c, s) }

//go:noinline
func f004(d, c, s int) { step(d, c, s) }

//go:noinline
func f005(d, c, s int) { step(d, c, s) }

//go:noinline
func f006(d, c, s int) { step(d, c, s) }

//go:noinline
func f007(d, c, s int) { step(d, c, s) }

//go:noinline
func f008(d, c, s int) { step(d, c, s) }

//go:noinline
func f009(d, c, s int) { step(d, c, s) }

//go:noinline
func f010(d, c, s int) { step(d, c, s) }

//go:noinline
func f011(d, c, s int) { step(d, c, s) }

//go:noinline
func f012(d, c, s int) { step(d, c, s) }

//go:noinline
func f013(d, c, s int) { step(d, c, s) }

//go:noinline
func f014(d, c, s int) { step(d, c, s) }

//go:noinline
func f015(d, c, s int) { step(d, c, s) }

//go:noinline
func f016(d, c, s int) { step(d, c, s) }

//go:noinline
func f017(d, c, s int) { step(d, c, s) }

//go:noinline
func f018(d, c, s int) { step(d, c, s) }

//go:noinline
func f019(d, c, s int) { step(d, c, s) }

//go:noinline
func f020(d, c, s int) { step(d, c, s) }

//go:noinline
func f021(d, c, s int) { step(d, c, s) }

//go:noinline
func f022(d, c, s int) { step(d, c, s) }

//go:noinline
func f023(d, c, s int) { step(d, c, s) }

//go:noinline
func f024(d, c, s int) { step(d, c, s) }

//go:noinline
func f025(d, c, s int) { step(d, c, s) }

//go:noinline
func f026(d, c, s int) { step(d, c, s) }

//go:noinline
func f027(d, c, s int) { step(d, c, s) }

//go:noinline
func f028(d, c, s int) { step(d, c, s) }

//go:noinline
func f029(d, c, s int) { step(d, c, s) }

//go:noinline
func f030(d, c, s int) { step(d, c, s) }

//go:noinline
func f031(d, c, s int) { step(d, c, s) }

//go:noinline
func f032(d, c, s int) { step(d, c, s) }

//go:noinline
func f033(d, c, s int) { step(d, c, s) }

//go:noinline
func f034(d, c, s int) { step(d, c, s) }

//go:noinline
func f035(d, c, s int) { step(d, c, s) }

//go:noinline
func f036(d, c, s int) { step(d, c, s) }

//go:noinline
func f037(d, c, s int) { step(d, c, s) }

//go:noinline
func f038(d, c, s int) { step(d, c, s) }

//go:noinline
func f039(d, c, s int) { step(d, c, s) }

//go:noinline
func f040(d, c, s int) { step(d, c, s) }

//go:noinline
func f041(d, c, s int) { step(d, c, s) }

//go:noinline
func f042(d, c, s int) { step(d, c, s) }

//go:noinline
func f043(d, c, s int) { step(d, c, s) }

//go:noinline
func f044(d, c, s int) { step(d, c, s) }

//go:noinline
func f045(d, c, s int) { step(d, c, s) }

//go:noinline
func f046(d, c, s int) { step(d, c, s) }

//go:noinline
func f047(d, c, s int) { step(d, c, s) }

//go:noinline
func f048(d, c, s int) { step(d, c, s) }

//go:noinline
func f049(d, c, s int) { step(d, c, s) }

//go:noinline
func f050(d, c, s int) { step(d, c, s) }

//go:noinline
func f051(d, c, s int) { step(d, c, s) }

//go:noinline
func f052(d, c, s int) { step(d, c, s) }

//go:noinline
func f053(d, c, s int) { step(d, c, s) }

//go:noinline
func f054(d, c, s int) { step(d, c, s) }

//go:noinline
func f055(d, c, s int) { step(d, c, s) }

//go:noinline
func f056(d, c, s int) { step(d, c, s) }

//go:noinline
func f057(d, c, s int) { step(d, c, s) }

//go:noinline
func f058(d, c, s int) { step(d, c, s) }

//go:noinline
func f059(d, c, s int) { step(d, c, s) }

//go:noinline
func f060(d, c, s int) { step(d, c, s) }

//go:noinline
func f061(d, c, s int) { step(d, c, s) }

//go:noinline
func f062(d, c, s int) { step(d, c, s) }

//go:noinline
func f063(d, c, s int) { step(d, c, s) }

//go:noinline
func f064(d, c, s int) { step(d, c, s) }

//go:noinline
func f065(d, c, s int) { step(d, c, s) }

//go:noinline
func f066(d, c, s int) { step(d, c, s) }

//go:noinline
func f067(d, c, s int) { step(d, c, s) }

//go:noinline
func f068(d, c, s int) { step(d, c, s) }

//go:noinline
func f069(d, c, s int) { step(d, c, s) }

//go:noinline
func f070(d, c, s int) { step(d, c, s) }

//go:noinline
func f071(d, c, s int) { step(d, c, s) }

//go:noinline
func f072(d, c, s int) { step(d, c, s) }

//go:noinline
func f073(d, c, s int) { step(d, c, s) }

//go:noinline
func f074(d, c, s int) { step(d, c, s) }

//go:noinline
func f075(d, c, s int) { step(d, c, s) }

//go:noinline
func f076(d, c, s int) { step(d, c, s) }

//go:noinline
func f077(d, c, s int) { step(d, c, s) }

//go:noinline
func f078(d, c, s int) { step(d, c, s) }

//go:noinline
func f079(d, c, s int) { step(d, c, s) }

//go:noinline
func f080(d, c, s int) { step(d, c, s) }

//go:noinline
func f081(d, c, s int) { step(d, c, s) }

//go:noinline
func f082(d, c, s int) { step(d, c, s) }

//go:noinline
func f083(d, c, s int) { step(d, c, s) }

//go:noinline
func f084(d, c, s int) { step(d, c, s) }

//go:noinline
func f085(d, c, s int) { step(d, c, s) }

//go:noinline
func f086(d, c, s int) { step(d, c, s) }

//go:noinline
func f087(d, c, s int) { step(d, c, s) }

//go:noinline
func f088(d, c, s int) { step(d, c, s) }

//go:noinline
func f089(d, c, s int) { step(d, c, s) }

//go:noinline
func f090(d, c, s int) { step(d, c, s) }

//go:noinline
func f091(d, c, s int) { step(d, c, s) }

//go:noinline
func f092(d, c, s int) { step(d, c, s) }

//go:noinline
func f093(d, c, s int) { step(d, c, s) }

//go:noinline
func f094(d, c, s int) { step(d, c, s) }

//go:noinline
func f095(d, c, s int) { step(d, c, s) }

//go:noinline
func f096(d, c, s int) { step(d, c, s) }

//go:noinline
func f097(d, c, s int) { step(d, c, s) }

//go:noinline
func f098(d, c, s int) { step(d, c, s) }

//go:noinline
func f099(d, c, s int) { step(d, c, s) }

//go:noinline
func f100(d, c, s int) { step(d, c, s) }

//go:noinline
func f101(d, c, s int) { step(d, c, s) }

//go:noinline
func f102(d, c, s int) { step(d, c, s) }

//go:noinline
func f103(d, c, s int) { step(d, c, s) }

//go:noinline
func f104(d, c, s int) { step(d, c, s) }

//go:noinline
func f105(d, c, s int) { step(d, c, s) }

//go:noinline
func f106(d, c, s int) { step(d, c, s) }

//go:noinline
func f107(d, c, s int) { step(d, c, s) }

//go:noinline
func f108(d, c, s int) { step(d, c, s) }

//go:noinline
func f109(d, c, s int) { step(d, c, s) }

//go:noinline
func f110(d, c, s int) { step(d, c, s) }

//go:noinline
func f111(d, c, s int) { step(d, c, s) }

//go:noinline
func f112(d, c, s int) { step(d, c, s) }

//go:noinline
func f113(d, c, s int) { step(d, c, s) }

//go:noinline
func f114(d, c, s int) { step(d, c, s) }

//go:noinline
func f115(d, c, s int) { step(d, c, s) }

//go:noinline
func f116(d, c, s int) { step(d, c, s) }

//go:noinline
func f117(d, c, s int) { step(d, c, s) }

//go:noinline
func f118(d, c, s int) { step(d, c, s) }

//go:noinline
func f119(d, c, s int) { step(d, c, s) }

//go:noinline
func f120(d, c, s int) { step(d, c, s) }

//go:noinline
func f121(d, c, s int) { step(d, c, s) }

//go:noinline
func f122(d, c, s int) { step(d, c, s) }

//go:noinline
func f123(d, c, s int) { step(d, c, s) }

//go:noinline
func f124(d, c, s int) { step(d, c, s) }

//go:noinline
func f125(d, c, s int) { step(d, c, s) }

//go:noinline
func f126(d, c, s int) { step(d, c, s) }

//go:noinline
func f127(d, c, s int) { step(d, c, s) }

//go:noinline
func f128(d, c, s int) { step(d, c, s) }

//go:noinline
func f129(d, c, s int) { step(d, c, s) }

//go:noinline
func f130(d, c, s int) { step(d, c, s) }

//go:noinline
func f131(d, c, s int) { step(d, c, s) }

//go:noinline
func f132(d, c, s int) { step(d, c, s) }

//go:noinline
func f133(d, c, s int) { step(d, c, s) }

//go:noinline
func f134(d, c, s int) { step(d, c, s) }

//go:noinline
func f135(d, c, s int) { step(d, c, s) }

//go:noinline
func f136(d, c, s int) { step(d, c, s) }

//go:noinline
func f137(d, c, s int) { step(d, c, s) }

//go:noinline
func f138(d, c, s int) { step(d, c, s) }

//go:noinline
func f139(d, c, s int) { step(d, c, s) }

//go:noinline
func f140(d, c, s int) { step(d, c, s) }

//go:noinline
func f141(d, c, s int) { step(d, c, s) }

//go:noinline
func f142(d, c, s int) { step(d, c, s) }

//go:noinline
func f143(d, c, s int) { step(d, c, s) }

//go:noinline
func f144(d, c, s int) { step(d, c, s) }

//go:noinline
func f145(d, c, s int) { step(d, c, s) }

//go:noinline
func f146(d, c, s int) { step(d, c, s) }

//go:noinline
func f147(d, c, s int) { step(d, c, s) }

//go:noinline
func f148(d, c, s int) { step(d, c, s) }

//go:noinline
func f149(d, c, s int) { step(d, c, s) }

//go:noinline
func f150(d, c, s int) { step(d, c, s) }

//go:noinline
func f151(d, c, s int) { step(d, c, s) }

//go:noinline
func f152(d, c, s int) { step(d, c, s) }

//go:noinline
func f153(d, c, s int) { step(d, c, s) }

//go:noinline
func f154(d, c, s int) { step(d, c, s) }

//go:noinline
func f155(d, c, s int) { step(d, c, s) }

//go:noinline
func f156(d, c, s int) { step(d, c, s) }

//go:noinline
func f157(d, c, s int) { step(d, c, s) }

//go:noinline
func f158(d, c, s int) { step(d, c, s) }

//go:noinline
func f159(d, c, s int) { step(d, c, s) }

//go:noinline
func f160(d, c, s int) { step(d, c, s) }

//go:noinline
func f161(d, c, s int) { step(d, c, s) }

//go:noinline
func f162(d, c, s int) { step(d, c, s) }

//go:noinline
func f163(d, c, s int) { step(d, c, s) }

//go:noinline
func f164(d, c, s int) { step(d, c, s) }

//go:noinline
func f165(d, c, s int) { step(d, c, s) }

//go:noinline
func f166(d, c, s int) { step(d, c, s) }

//go:noinline
func f167(d, c, s int) { step(d, c, s) }

//go:noinline
func f168(d, c, s int) { step(d, c, s) }

//go:noinline
func f169(d, c, s int) { step(d, c, s) }

//go:noinline
func f170(d, c, s int) { step(d, c, s) }

//go:noinline
func f171(d, c, s int) { step(d, c, s) }

//go:noinline
func f172(d, c, s int) { step(d, c, s) }

//go:noinline
func f173(d, c, s int) { step(d, c, s) }

//go:noinline
func f174(d, c, s int) { step(d, c, s) }

//go:noinline
func f175(d, c, s int) { step(d, c, s) }

//go:noinline
func f176(d, c, s int) { step(d, c, s) }

//go:noinline
func f177(d, c, s int) { step(d, c, s) }

//go:noinline
func f178(d, c, s int) { step(d, c, s) }

//go:noinline
func f179(d, c, s int) { step(d, c, s) }

//go:noinline
func f180(d, c, s int) { step(d, c, s) }

//go:noinline
func f181(d, c, s int) { step(d, c, s) }

//go:noinline
func f182(d, c, s int) { step(d, c, s) }

//go:noinline
func f183(d, c, s int) { step(d, c, s) }

//go:noinline
func f184(d, c, s int) { step(d, c, s) }

//go:noinline
func f185(d, c, s int) { step(d, c, s) }

//go:noinline
func f186(d, c, s int) { step(d, c, s) }

//go:noinline
func f187(d, c, s int) { step(d, c, s) }

//go:noinline
func f188(d, c, s int) { step(d, c, s) }

//go:noinline
func f189(d, c, s int) { step(d, c, s) }

//go:noinline
func f190(d, c, s int) { step(d, c, s) }

//go:noinline
func f191(d, c, s int) { step(d, c, s) }

//go:noinline
func f192(d, c, s int) { step(d, c, s) }

//go:noinline
func f193(d, c, s int) { step(d, c, s) }

//go:noinline
func f194(d, c, s int) { step(d, c, s) }

//go:noinline
func f195(d, c, s int) { step(d, c, s) }

//go:noinline
func f196(d, c, s int) { step(d, c, s) }

//go:noinline
func f197(d, c, s int) { step(d, c, s) }

//go:noinline
func f198(d, c, s int) { step(d, c, s) }

//go:noinline
func f199(d, c, s int) { step(d, c, s) }

//go:noinline
func f200(d, c, s int) { step(d, c, s) }

//go:noinline
func f201(d, c, s int) { step(d, c, s) }

//go:noinline
func f202(d, c, s int) { step(d, c, s) }

//go:noinline
func f203(d, c, s int) { step(d, c, s) }

//go:noinline
func f204(d, c, s int) { step(d, c, s) }

//go:noinline
func f205(d, c, s int) { step(d, c, s) }

//go:noinline
func f206(d, c, s int) { step(d, c, s) }

//go:noinline
func f207(d, c, s int) { step(d, c, s) }

//go:noinline
func f208(d, c, s int) { step(d, c, s) }

//go:noinline
func f209(d, c, s int) { step(d, c, s) }

//go:noinline
func f210(d, c, s int) { step(d, c, s) }

//go:noinline
func f211(d, c, s int) { step(d, c, s) }

//go:noinline
func f212(d, c, s int) { step(d, c, s) }

//go:noinline
func f213(d, c, s int) { step(d, c, s) }

//go:noinline
func f214(d, c, s int) { step(d, c, s) }

//go:noinline
func f215(d, c, s int) { step(d, c, s) }

//go:noinline
func f216(d, c, s int) { step(d, c, s) }

//go:noinline
func f217(d, c, s int) { step(d, c, s) }

//go:noinline
func f218(d, c, s int) { step(d, c, s) }

//go:noinline
func f219(d, c, s int) { step(d, c, s) }

//go:noinline
func f220(d, c, s int) { step(d, c, s) }

//go:noinline
func f221(d, c, s int) { step(d, c, s) }

//go:noinline
func f222(d, c, s int) { step(d, c, s) }

//go:noinline
func f223(d, c, s int) { step(d, c, s) }

//go:noinline
func f224(d, c, s int) { step(d, c, s) }

//go:noinline
func f225(d, c, s int) { step(d, c, s) }

//go:noinline
func f226(d, c, s int) { step(d, c, s) }

//go:noinline
func f227(d, c, s int) { step(d, c, s) }

//go:noinline
func f228(d, c, s int) { step(d, c, s) }

//go:noinline
func f229(d, c, s int) { step(d, c, s) }

//go:noinline
func f230(d, c, s int) { step(d, c, s) }

//go:noinline
func f231(d, c, s int) { step(d, c, s) }

//go:noinline
func f232(d, c, s int) { step(d, c, s) }

//go:noinline
func f233(d, c, s int) { step(d, c, s) }

//go:noinline
func f234(d, c, s int) { step(d, c, s) }

//go:noinline
func f235(d, c, s int) { step(d, c, s) }

//go:noinline
func f236(d, c, s int) { step(d, c, s) }

//go:noinline
func f237(d, c, s int) { step(d, c, s) }

//go:noinline
func f238(d, c, s int) { step(d, c, s) }

//go:noinline
func f239(d, c, s int) { step(d, c, s) }

//go:noinline
func f240(d, c, s int) { step(d, c, s) }

//go:noinline
func f241(d, c, s int) { step(d, c, s) }

//go:noinline
func f242(d, c, s int) { step(d, c, s) }

//go:noinline
func f243(d, c, s int) { step(d, c, s) }

//go:noinline
func f244(d, c, s int) { step(d, c, s) }

//go:noinline
func f245(d, c, s int) { step(d, c, s) }

//go:noinline
func f246(d, c, s int) { step(d, c, s) }

//go:noinline
func f247(d, c, s int) { step(d, c, s) }

//go:noinline
func f248(d, c, s int) { step(d, c, s) }

//go:noinline
func f249(d, c, s int) { step(d, c, s) }

//go:noinline
func f250(d, c, s int) { step(d, c, s) }

//go:noinline
func f251(d, c, s int) { step(d, c, s) }

//go:noinline
func f252(d, c, s int) { step(d, c, s) }

//go:noinline
func f253(d, c, s int) { step(d, c, s) }

//go:noinline
func f254(d, c, s int) { step(d, c, s) }

//go:noinline
func f255(d, c, s int) { step(d, c, s) }

//go:noinline
func f256(d, c, s int) { step(d, c, s) }

//go:noinline
func f257(d, c, s int) { step(d, c, s) }

//go:noinline
func f258(d, c, s int) { step(d, c, s) }

//go:noinline
func f259(d, c, s int) { step(d, c, s) }

//go:noinline
func f260(d, c, s int) { step(d, c, s) }

//go:noinline
func f261(d, c, s int) { step(d, c, s) }

//go:noinline
func f262(d, c, s int) { step(d, c, s) }

//go:noinline
func f263(d, c, s int) { step(d, c, s) }

//go:noinline
func f264(d, c, s int) { step(d, c, s) }

//go:noinline
func f265(d, c, s int) { step(d, c, s) }

//go:noinline
func f266(d, c, s int) { step(d, c, s) }

//go:noinline
func f267(d, c, s int) { step(d, c, s) }

//go:noinline
func f268(d, c, s int) { step(d, c, s) }

//go:noinline
func f269(d, c, s int) { step(d, c, s) }

//go:noinline
func f270(d, c, s int) { step(d, c, s) }

//go:noinline
func f271(d, c, s int) { step(d, c, s) }

//go:noinline
func f272(d, c, s int) { step(d, c, s) }

//go:noinline
func f273(d, c, s int) { step(d, c, s) }

//go:noinline
func f274(d, c, s int) { step(d, c, s) }

//go:noinline
func f275(d, c, s int) { step(d, c, s) }

//go:noinline
func f276(d, c, s int) { step(d, c, s) }

//go:noinline
func f277(d, c, s int) { step(d, c, s) }

//go:noinline
func f278(d, c, s int) { step(d, c, s) }

//go:noinline
func f279(d, c, s int) { step(d, c, s) }

//go:noinline
func f280(d, c, s int) { step(d, c, s) }

//go:noinline
func f281(d, c, s int) { step(d, c, s) }

//go:noinline
func f282(d, c, s int) { step(d, c, s) }

//go:noinline
func f283(d, c, s int) { step(d, c, s) }

//go:noinline
func f284(d, c, s int) { step(d, c, s) }

//go:noinline
func f285(d, c, s int) { step(d, c, s) }

//go:noinline
func f286(d, c, s int) { step(d, c, s) }

//go:noinline
func f287(d, c, s int) { step(d, c, s) }

//go:noinline
func f288(d, c, s int) { step(d, c, s) }

//go:noinline
func f289(d, c, s int) { step(d, c, s) }

//go:noinline
func f290(d, c, s int) { step(d, c, s) }

//go:noinline
func f291(d, c, s int) { step(d, c, s) }

//go:noinline
func f292(d, c, s int) { step(d, c, s) }

//go:noinline
func f293(d, c, s int) { step(d, c, s) }

//go:noinline
func f294(d, c, s int) { step(d, c, s) }

//go:noinline
func f295(d, c, s int) { step(d, c, s) }

//go:noinline
func f296(d, c, s int) { step(d, c, s) }

//go:noinline
func f297(d, c, s int) { step(d, c, s) }

//go:noinline
func f298(d, c, s int) { step(d, c, s) }

//go:noinline
func f299(d, c, s int) { step(d, c, s) }

//go:noinline
func f300(d, c, s int) { step(d, c, s) }

//go:noinline
func f301(d, c, s int) { step(d, c, s) }

//go:noinline
func f302(d, c, s int) { step(d, c, s) }

//go:noinline
func f303(d, c, s int) { step(d, c, s) }

//go:noinline
func f304(d, c, s int) { step(d, c, s) }

//go:noinline
func f305(d, c, s int) { step(d, c, s) }

//go:noinline
func f306(d, c, s int) { step(d, c, s) }

//go:noinline
func f307(d, c, s int) { step(d, c, s) }

//go:noinline
func f308(d, c, s int) { step(d, c, s) }

//go:noinline
func f309(d, c, s int) { step(d, c, s) }

//go:noinline
func f310(d, c, s int) { step(d, c, s) }

//go:noinline
func f311(d, c, s int) { step(d, c, s) }

//go:noinline
func f312(d, c, s int) { step(d, c, s) }

//go:noinline
func f313(d, c, s int) { step(d, c, s) }

//go:noinline
func f314(d, c, s int) { step(d, c, s) }

//go:noinline
func f315(d, c, s int) { step(d, c, s) }

//go:noinline
func f316(d, c, s int) { step(d, c, s) }

//go:noinline
func f317(d, c, s int) { step(d, c, s) }

//go:noinline
func f318(d, c, s int) { step(d, c, s) }

//go:noinline
func f319(d, c, s int) { step(d, c, s) }

//go:noinline
func f320(d, c, s int) { step(d, c, s) }

//go:noinline
func f321(d, c, s int) { step(d, c, s) }

//go:noinline
func f322(d, c, s int) { step(d, c, s) }

//go:noinline
func f323(d, c, s int) { step(d, c, s) }

//go:noinline
func f324(d, c, s int) { step(d, c, s) }

//go:noinline
func f325(d, c, s int) { step(d, c, s) }

//go:noinline
func f326(d, c, s int) { step(d, c, s) }

//go:noinline
func f327(d, c, s int) { step(d, c, s) }

//go:noinline
func f328(d, c, s int) { step(d, c, s) }

//go:noinline
func f329(d, c, s int) { step(d, c, s) }

//go:noinline
func f330(d, c, s int) { step(d, c, s) }

//go:noinline
func f331(d, c, s int) { step(d, c, s) }

//go:noinline
func f332(d, c, s int) { step(d, c, s) }

//go:noinline
func f333(d, c, s int) { step(d, c, s) }

//go:noinline
func f334(d, c, s int) { step(d, c, s) }

//go:noinline
func f335(d, c, s int) { step(d, c, s) }

//go:noinline
func f336(d, c, s int) { step(d, c, s) }

//go:noinline
func f337(d, c, s int) { step(d, c, s) }

//go:noinline
func f338(d, c, s int) { step(d, c, s) }

//go:noinline
func f339(d, c, s int) { step(d, c, s) }

//go:noinline
func f340(d, c, s int) { step(d, c, s) }

//go:noinline
func f341(d, c, s int) { step(d, c, s) }

//go:noinline
func f342(d, c, s int) { step(d, c, s) }

//go:noinline
func f343(d, c, s int) { step(d, c, s) }

//go:noinline
func f344(d, c, s int) { step(d, c, s) }

//go:noinline
func f345(d, c, s int) { step(d, c, s) }

//go:noinline
func f346(d, c, s int) { step(d, c, s) }

//go:noinline
func f347(d, c, s int) { step(d, c, s) }

//go:noinline
func f348(d, c, s int) { step(d, c, s) }

//go:noinline
func f349(d, c, s int) { step(d, c, s) }

//go:noinline
func f350(d, c, s int) { step(d, c, s) }

//go:noinline
func f351(d, c, s int) { step(d, c, s) }

//go:noinline
func f352(d, c, s int) { step(d, c, s) }

//go:noinline
func f353(d, c, s int) { step(d, c, s) }

//go:noinline
func f354(d, c, s int) { step(d, c, s) }

//go:noinline
func f355(d, c, s int) { step(d, c, s) }

//go:noinline
func f356(d, c, s int) { step(d, c, s) }

//go:noinline
func f357(d, c, s int) { step(d, c, s) }

//go:noinline
func f358(d, c, s int) { step(d, c, s) }

//go:noinline
func f359(d, c, s int) { step(d, c, s) }

//go:noinline
func f360(d, c, s int) { step(d, c, s) }

//go:noinline
func f361(d, c, s int) { step(d, c, s) }

//go:noinline
func f362(d, c, s int) { step(d, c, s) }

//go:noinline
func f363(d, c, s int) { step(d, c, s) }

//go:noinline
func f364(d, c, s int) { step(d, c, s) }

//go:noinline
func f365(d, c, s int) { step(d, c, s) }

//go:noinline
func f366(d, c, s int) { step(d, c, s) }

//go:noinline
func f367(d, c, s int) { step(d, c, s) }

//go:noinline
func f368(d, c, s int) { step(d, c, s) }

//go:noinline
func f369(d, c, s int) { step(d, c, s) }

//go:noinline
func f370(d, c, s int) { step(d, c, s) }

//go:noinline
func f371(d, c, s int) { step(d, c, s) }

//go:noinline
func f372(d, c, s int) { step(d, c, s) }

//go:noinline
func f373(d, c, s int) { step(d, c, s) }

//go:noinline
func f374(d, c, s int) { step(d, c, s) }

//go:noinline
func f375(d, c, s int) { step(d, c, s) }

//go:noinline
func f376(d, c, s int) { step(d, c, s) }

//go:noinline
func f377(d, c, s int) { step(d, c, s) }

//go:noinline
func f378(d, c, s int) { step(d, c, s) }

//go:noinline
func f379(d, c, s int) { step(d, c, s) }

//go:noinline
func f380(d, c, s int) { step(d, c, s) }

//go:noinline
func f381(d, c, s int) { step(d, c, s) }

//go:noinline
func f382(d, c, s int) { step(d, c, s) }

//go:noinline
func f383(d, c, s int) { step(d, c, s) }

//go:noinline
func f384(d, c, s int) { step(d, c, s) }

//go:noinline
func f385(d, c, s int) { step(d, c, s) }

//go:noinline
func f386(d, c, s int) { step(d, c, s) }

//go:noinline
func f387(d, c, s int) { step(d, c, s) }

//go:noinline
func f388(d, c, s int) { step(d, c, s) }

//go:noinline
func f389(d, c, s int) { step(d, c, s) }

//go:noinline
func f390(d, c, s int) { step(d, c, s) }

//go:noinline
func f391(d, c, s int) { step(d, c, s) }

//go:noinline
func f392(d, c, s int) { step(d, c, s) }

//go:noinline
func f393(d, c, s int) { step(d, c, s) }

//go:noinline
func f394(d, c, s int) { step(d, c, s) }

//go:noinline
func f395(d, c, s int) { step(d, c, s) }

//go:noinline
func f396(d, c, s int) { step(d, c, s) }

//go:noinline
func f397(d, c, s int) { step(d, c, s) }

//go:noinline
func f398(d, c, s int) { step(d, c, s) }

//go:noinline
func f399(d, c, s int) { step(d, c, s) }

var allFuncs = [...]func(depth, code, size int){
	f000, f001, f002, f003, f004, f005, f006, f007,
	f008, f009, f010, f011, f012, f013, f014, f015,
	f016, f017, f018, f019, f020, f021, f022, f023,
	f024, f025, f026, f027, f028, f029, f030, f031,
	f032, f033, f034, f035, f036, f037, f038, f039,
	f040, f041, f042, f043, f044, f045, f046, f047,
	f048, f049, f050, f051, f052, f053, f054, f055,
	f056, f057, f058, f059, f060, f061, f062, f063,
	f064, f065, f066, f067, f068, f069, f070, f071,
	f072, f073, f074, f075, f076, f077, f078, f079,
	f080, f081, f082, f083, f084, f085, f086, f087,
	f088, f089, f090, f091, f092, f093, f094, f095,
	f096, f097, f098, f099, f100, f101, f102, f103,
	f104, f105, f106, f107, f108, f109, f110, f111,
	f112, f113, f114, f115, f116, f117, f118, f119,
	f120, f121, f122, f123, f124, f125, f126, f127,
	f128, f129, f130, f131, f132, f133, f134, f135,
	f136, f137, f138, f139, f140, f141, f142, f143,
	f144, f145, f146, f147, f148, f149, f150, f151,
	f152, f153, f154, f155, f156, f157, f158, f159,
	f160, f161, f162, f163, f164, f165, f166, f167,
	f168, f169, f170, f171, f172, f173, f174, f175,
	f176, f177, f178, f179, f180, f181, f182, f183,
	f184, f185, f186, f187, f188, f189, f190, f191,
	f192, f193, f194, f195, f196, f197, f198, f199,
	f200, f201, f202, f203, f204, f205, f206, f207,
	f208, f209, f210, f211, f212, f213, f214, f215,
	f216, f217, f218, f219, f220, f221, f222, f223,
	f224, f225, f226, f227, f228, f229, f230, f231,
	f232, f233, f234, f235, f236, f237, f238, f239,
	f240, f241, f242, f243, f244, f245, f246, f247,
	f248, f249, f250, f251, f252, f253, f254, f255,
	f256, f257, f258, f259, f260, f261, f262, f263,
	f264, f265, f266, f267, f268, f269, f270, f271,
	f272, f273, f274, f275, f276, f277, f278, f279,
	f280, f281, f282, f283, f284, f285, f286, f287,
	f288, f289, f290, f291, f292, f293, f294, f295,
	f296, f297, f298, f299, f300, f301, f302, f303,
	f304, f305, f306, f307, f308, f309, f310, f311,
	f312, f313, f314, f315, f316, f317, f318, f319,
	f320, f321, f322, f323, f324, f325, f326, f327,
	f328, f329, f330, f331, f332, f333, f334, f335,
	f336, f337, f338, f339, f340, f341, f342, f343,
	f344, f345, f346, f347, f348, f349, f350, f351,
	f352, f353, f354, f355, f356, f357, f358, f359,
	f360, f361, f362, f363, f364, f365, f366, f367,
	f368, f369, f370, f371, f372, f373, f374, f375,
	f376, f377, f378, f379, f380, f381, f382, f383,
	f384, f385, f386, f387, f388, f389, f390, f391,
	f392, f393, f394, f395, f396, f397, f398, f399,
}
