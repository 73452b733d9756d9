/* An empty ICU data library for the field kit (packaging/build.sh compiles it in place of the
 * 32 MB libicudata that Qt's wheel links). It is ICU's own "stubdata" (icu4c/source/stubdata):
 * a table of contents with no entries. Qt asks ICU only for locale-aware casing, collation
 * and a few codecs, and falls back to its own Unicode tables when ICU finds no data; the
 * desk uses none of them (UTF-8 only, Qt's own number and date formats, no QCollator).
 * Build: gcc -shared -fPIC -DICU_ENTRY=icudt73_dat -Wl,-soname,libicudata.so.73 icudata.c */
#include <stdint.h>

#ifndef ICU_ENTRY
#error "ICU_ENTRY: the data symbol libicuuc asks for, icudt<major>_dat"
#endif

typedef struct {
    uint16_t size;
    uint16_t reserved_word;
    uint8_t is_big_endian, charset_family, sizeof_uchar, reserved_byte;
    uint8_t data_format[4], format_version[4], data_version[4];
} DataInfo; /* ICU's UDataInfo */

typedef struct {
    uint16_t header_size;
    uint8_t magic1, magic2;
    DataInfo info;
    char padding[8];
    uint32_t count, reserved;
    uint64_t fake_name_and_data[2];
} DataHeader;

__attribute__((visibility("default"))) const DataHeader ICU_ENTRY = {
    32, 0xda, 0x27,
    {sizeof(DataInfo), 0, 0 /* little-endian */, 0 /* ASCII family */, 2, 0,
     {0x54, 0x6f, 0x43, 0x50} /* "ToCP" */, {1, 0, 0, 0}, {0, 0, 0, 0}},
    {0}, 0, 0, {0, 0},
};
