/*
 * The bundled deck, compiled into the binary by cmake/embed.cmake so an
 * installed quizdeck works from any directory.
 */
#ifndef QUIZDECK_BUNDLED_H
#define QUIZDECK_BUNDLED_H

#include <stddef.h>

/* The file's bytes (followed by a NUL not counted in the size) and its
 * base name, "rust-uses.yaml". */
extern const unsigned char qd_bundled_deck_data[];
extern const size_t qd_bundled_deck_size;
extern const char qd_bundled_deck_name[];

/* Messages name the bundled deck "<bundled>/rust-uses.yaml". */
#define QD_BUNDLED_PREFIX "<bundled>/"

#endif
