// Databases held in memory as sources and destinations: what a front end that has the tables
// already (the Python package's DataFrames) reads from and generates into, through the same
// pipeline as a file or a server.
#pragma once

#include <memory>

#include "relsynth/io.h"

namespace relsynth {

// A source over `data`, described as `declared` (each table's columns with their storage types,
// no keys unless given). A table read with other columns than declared is an InputError naming
// the column; one read with another storage type is converted through its text.
std::unique_ptr<Source> make_memory_source(Metadata declared, Database data);

// `declared` with the storage types (and temporal formats) `wanted` gives its columns: tables
// in memory described by their own types (a DataFrame's text dates) are then read as the
// metadata the user gave says (dates), converted by the memory source.
Metadata with_types_of(Metadata declared, const Metadata& wanted);

// A destination that keeps what is written: `committed()` holds every table once commit() ran.
class MemoryDestination : public Destination {
 public:
  std::string kind() const override { return "memory"; }
  void begin(const Metadata& metadata) override;
  void append(const TableMeta& table, const Table& rows) override;
  void commit() override { committed_ = true; }
  void abort() override { data_ = Database(); }

  bool is_committed() const { return committed_; }
  const Metadata& metadata() const { return metadata_; }
  Database& data() { return data_; }

 private:
  Metadata metadata_;
  Database data_;
  bool committed_ = false;
};

}  // namespace relsynth
