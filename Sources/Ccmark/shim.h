#ifndef LOSSNOTEBOOK_CCMARK_SHIM_H
#define LOSSNOTEBOOK_CCMARK_SHIM_H
#include <cmark.h>
#endif
