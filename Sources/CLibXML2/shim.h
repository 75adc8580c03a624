#ifndef TESSERA_CLIBXML2_SHIM_H
#define TESSERA_CLIBXML2_SHIM_H
// libxml2 built with ICU exposes ICU headers that clash with Foundation's own ICU.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xmlerror.h>

// Swift 6 rejects the mutable global function pointer `xmlFree`; call it through this.
static inline void tessera_xmlFree(void *ptr) { xmlFree(ptr); }
#endif
