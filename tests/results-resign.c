/*
 * results-resign < LOG > LOG2: recomputes every record's checksum, as a
 * student who edits their log by hand can (docs/log-format.md documents
 * the CRC-32). The results tests use it to forge logs whose lines all
 * load, so that only `quizdeck results`' own checks can catch them.
 *
 * The last 8 characters of each line, after a TAB, become the CRC-32 of
 * the line before that TAB (as fuzz/fuzz-revlog.c does in memory).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/revrec.h"

int main(void)
{
	struct qd_buf line;
	int c;

	qd_buf_init(&line);
	for (;;) {
		c = getchar();
		if (c != EOF && c != '\n') {
			qd_buf_addc(&line, (char)c);
			continue;
		}
		if (line.len >= 9 && line.data[line.len - 9] == '\t') {
			char hex[9];
			snprintf(hex, sizeof(hex), "%08" PRIx32, qd_crc32(line.data, line.len - 9));
			memcpy(line.data + line.len - 8, hex, 8);
		}
		fwrite(line.data ? line.data : "", 1, line.len, stdout);
		if (c == EOF)
			break;
		putchar('\n');
		qd_buf_reset(&line);
	}
	qd_buf_release(&line);
	return ferror(stdout) || fclose(stdout) ? 1 : 0;
}
