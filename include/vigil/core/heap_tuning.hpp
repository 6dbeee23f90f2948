#pragma once

namespace vigil {

// For processes that handle batch after batch (vigil serve, vigil ingest): the C library
// keeps freed memory for the next batch instead of returning it to the kernel, and serves
// buffers of up to 32 MiB (request bodies, SQLite's page cache) from that memory instead of
// fresh mappings. Otherwise every batch pays again for page faults on memory it just freed.
void keep_heap_between_batches();

}  // namespace vigil
