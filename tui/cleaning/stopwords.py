"""Short lists of the commonest function words of the languages news pages are written in.

Used two ways: the language of a page is the one whose words occur most in it,
and a line of running prose has many of its language's function words where a
menu, a list of headlines or a caption has few. The lists are small on purpose
(articles, pronouns, prepositions, conjunctions, auxiliaries): enough to tell
prose from labels, cheap to test. Data table.
"""

from __future__ import annotations

_LISTS = {
    "en": """the a an and or but of to in on at for with from by as is are was were be been
        being has have had do does did will would can could should may might must that this
        these those it its he she they we you i his her their our your them him us who which
        what when where there here not no than then so if about into over after before also
        more most all any some just only out up very""",
    "de": """der die das den dem des ein eine einen einem einer eines und oder aber auch in im
        an am auf aus bei mit nach von vom zu zum zur für über unter vor durch gegen ist sind
        war waren wird werden wurde wurden hat haben hatte sein nicht kein keine es er sie wir
        ihr ich sich als wie wenn dass noch nur schon so auch mehr sehr bis um""",
    "fr": """le la les un une des du de d l et ou mais en dans sur sous pour par avec sans au
        aux est sont était étaient été être a ont avait ce cette ces il elle ils elles nous
        vous je on qui que qu quoi dont où ne pas plus se sa son ses leur leurs comme si aussi
        très tout tous entre après avant""",
    "es": """el la los las un una unos unas y o pero de del en con por para sin sobre entre
        es son era eran fue fueron ser ha han había que qué quien como cuando donde no más
        muy se su sus le les lo al este esta estos estas ese esa también ya hasta desde porque
        yo él ella ellos nosotros""",
    "pt": """o a os as um uma uns umas e ou mas de do da dos das em no na nos nas com por pelo
        pela para sem sobre entre é são era eram foi foram ser ter tem têm que quem como
        quando onde não mais muito se seu sua seus suas lhe ao aos à às este esta isso isto
        também já até desde porque eu ele ela eles""",
    "it": """il lo la i gli le un uno una e o ma di del della dei delle degli in nel nella
        nei con per su sul sulla tra fra da dal dalla è sono era erano stato essere ha hanno
        aveva che chi come quando dove non più molto si suo sua suoi sue gli al alla anche
        già questo questa quello""",
    "nl": """de het een en of maar van in op aan met voor door naar bij uit over onder tot
        om is zijn was waren wordt worden werd heeft hebben had dat die dit deze niet geen
        ook nog al er hij zij ze wij we jij je ik zich als wanneer waar meer zeer""",
    "id": """yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak akan juga
        sudah telah atau oleh karena tetapi saat bisa ada mereka kami kita saya ia dia
        sebagai lebih sangat bahwa jika agar hanya para secara""",
    "ru": """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
        только ее мне было вот от меня еще нет о из ему теперь когда даже ну ли если уже или
        ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они
        тут где есть надо ней для мы тебя их чем была сам чтобы без будто чего раз тоже себе
        под будет""",
    "sv": """och i att det som en på är av för med till den har de inte om ett han men var
        jag sig från vi så kan hon när nu ska eller efter man hade vid också bara""",
    "da": """og i at det som en på er af for med til den har de ikke om et han men var jeg
        sig fra vi så kan hun når nu skal eller efter man havde ved også kun""",
    "pl": """i w na z do nie się że jest o jak to po co ale od za tak przez dla jego jej ich
        oraz czy być był była było są może już tylko także który która które przy""",
    "tr": """ve bir bu da de ile için gibi daha çok en olarak olan ama ancak ise her şey
        kadar sonra önce değil var yok mı mi ne o şu diye""",
    "ro": """și în a la de pe cu că nu se un o este sunt din pentru care mai dar fost au
        ca sau ce el ea ei lui lor acest această""",
}

STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) for lang, words in _LISTS.items()
}
