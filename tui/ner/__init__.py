"""The entity recogniser's parts (the public surface is :mod:`tui.entities`).

- :mod:`tui.ner.types`: the entity types, defined once;
- :mod:`tui.ner.tokens`: text -> tokens and sentences;
- :mod:`tui.ner.features`: what the tagger sees of a word (training and tagging);
- :mod:`tui.ner.candidates`: which words the tagger decodes (capitals, connectors);
- :mod:`tui.ner.model`: the shipped model and Viterbi decoding;
- :mod:`tui.ner.document`: gazetteer, acronyms, short forms, one type per name;
- :mod:`tui.ner.spans`: where a name starts and ends (titles, initials, acronyms);
- :mod:`tui.ner.context`: corrections from the words around a name;
- :mod:`tui.ner.things`: common words, products, works: no names;
- :mod:`tui.ner.roles`: what a name does in its sentence (owns people, qualifies nouns);
- :mod:`tui.ner.furniture`: headings and menus that are not running text;
- :mod:`tui.ner.repeats`: a name's mentions the tagger let pass ("when Zapcorp asked");
- :mod:`tui.ner.dates`: dates;
- :mod:`tui.ner.recognizer`: all of it on one text;
- :mod:`tui.ner.corpus`: one name, one type across a corpus;
- :mod:`tui.ner.curation`: the user's corrections, written to entities.yaml.
"""
