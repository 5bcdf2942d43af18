# Turns the file IN into a C source OUT defining qd_bundled_deck_{name,data,size}.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR size "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE ${OUT}
"/* Generated from ${NAME} by cmake/embed.cmake; do not edit. */\n"
"#include <stddef.h>\n"
"const char qd_bundled_deck_name[] = \"${NAME}\";\n"
"const unsigned char qd_bundled_deck_data[] = {\n${bytes}0x00\n};\n"
"const size_t qd_bundled_deck_size = ${size};\n")
