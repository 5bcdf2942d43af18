/*
 * Every limit on what quizdeck reads, in one place (documented for users in
 * docs/deck-format.md, "Limits").
 *
 * The inputs are untrusted: a deck, a quiz file or an overlay may come from
 * anyone, and the limits keep a hostile one from taking unbounded memory or
 * time (the fuzzers, tests/decks/bad and tests/scale.sh rely on them). They
 * are sized for real use: a deck of a million cards fits, with room to
 * spare for long texts.
 */
#ifndef QUIZDECK_LIMITS_H
#define QUIZDECK_LIMITS_H

#include <stddef.h>

/* A YAML file read through quizdeck/yamldoc.h: a deck, or a quiz file
 * (which may embed decks). */
#define QD_YAML_MAX_BYTES ((size_t)64 << 20) /* 64 MiB */
#define QD_YAML_MAX_DEPTH 32                 /* nested lists and mappings */
/* Values (strings, lists, mappings) in one YAML file: the tree of a
 * hostile file stays within about a gigabyte, however small its values. */
#define QD_YAML_MAX_NODES ((size_t)16 << 20)

/* A deck (quizdeck/deck.h). */
#define QD_DECK_MAX_CARDS 1000000
#define QD_DECK_MAX_TEXT 16384 /* bytes in any one string */
#define QD_DECK_MAX_ID 64      /* bytes in a deck or card id */

/* The settings file, config.yaml (quizdeck/settings.h). */
#define QD_SETTINGS_MAX_BYTES ((size_t)1 << 20) /* 1 MiB */

/* An overlay for `quizdeck gen --overlay` (quizdeck/overlay.h). */
#define QD_OVERLAY_MAX_BYTES (256 * 1024)

/* An article for `quizdeck gen` (quizdeck/article.h). */
#define QD_ARTICLE_MAX_BYTES (1024 * 1024)

#endif
