#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "vigil/ais/decode_message.hpp"
#include "vigil/ais/decode_stats.hpp"
#include "vigil/ais/message.hpp"
#include "vigil/ais/nmea.hpp"
#include "vigil/ais/payload.hpp"

namespace vigil::ais {

// Receives what a StreamDecoder finds. `line` is the 1-based input line of the sentence
// that completed the message (or that held the error).
class MessageSink {
 public:
  virtual ~MessageSink() = default;
  virtual void on_message(const Message& message, const Provenance& provenance,
                          std::uint64_t line) = 0;
  virtual void on_error(std::uint64_t /*line*/, ErrorKind /*kind*/) {}
};

struct StreamOptions {
  // Multipart messages waiting for fragments; when full, the oldest is dropped.
  std::size_t max_pending = 64;
  // A multipart message not completed within this many lines of its first fragment is
  // dropped and its fragments counted as orphans.
  std::uint64_t fragment_timeout_lines = 1000;
};

// Turns lines of NMEA (with tag blocks, receiver trailers, Gatehouse lines, comments and
// other sentences mixed in) into decoded messages, reassembling multipart messages.
class StreamDecoder {
 public:
  explicit StreamDecoder(StreamOptions options = {});

  // Decodes one line (without its newline).
  void feed(std::string_view line, std::uint64_t line_number, MessageSink& sink);
  // Ends the input: pending fragments become orphans.
  void finish(MessageSink& sink);

  const DecodeStats& stats() const { return stats_; }
  DecodeStats& stats() { return stats_; }

  // Splitting one input between decoders gives the same messages, errors and counts as
  // one decoder reading it all, when each decoder runs in three phases:
  //  - warm_up: the lines before its share. Nothing is counted or emitted; multipart
  //    messages begun here are remembered as the previous decoder's, to be continued
  //    silently (that decoder emits them).
  //  - own: its share, counted and emitted.
  //  - continuation: the lines after its share, up to the fragment timeout. Only
  //    fragments continuing its own pending messages are handled; lines and sentences
  //    are not counted (the next decoder counts them).
  enum class Phase : std::uint8_t { warm_up, own, continuation };
  void set_phase(Phase phase) { phase_ = phase; }
  // True while a message begun in the `own` phase still waits for fragments.
  bool has_own_pending() const;

 private:
  struct FixedText {
    std::array<char, 48> chars{};
    std::uint8_t size = 0;
    void assign(std::string_view text);
    std::string_view view() const { return {chars.data(), size}; }
  };

  struct Pending {
    // Key: the tag-block group id when there is one, otherwise channel, sequence id and
    // station.
    bool tag_grouped = false;
    FixedText group_id;
    char channel = 0;
    int sequence_id = -1;
    FixedText station;
    int fragment_count = 0;
    int next_index = 0;
    std::uint64_t first_line = 0;
    bool inherited = false;  // begun during warm_up: another decoder emits it
    std::optional<Timestamp> time;
    FixedText tag_text;
    Payload payload;
  };

  // `star`: where the sentence's first '*' is (npos: none).
  void handle_sentence(std::string_view sentence, std::size_t star, const TagBlock* tag,
                       std::uint64_t line, MessageSink& sink);
  void handle_fragment(const VdmSentence& sentence, const TagBlock* tag, std::uint64_t line,
                       MessageSink& sink);
  void emit(const Payload& payload, const Provenance& provenance, std::uint64_t line,
            MessageSink& sink);
  void error(ErrorKind kind, std::uint64_t line, MessageSink& sink, std::uint64_t count = 1);
  bool counting() const { return phase_ == Phase::own; }
  std::size_t find_pending(const VdmSentence& sentence, const TagBlock* tag) const;
  void drop_pending(std::size_t index, std::uint64_t line, MessageSink& sink);
  void expire(std::uint64_t line, MessageSink& sink);

  StreamOptions options_;
  DecodeStats stats_;
  Payload payload_;
  Message message_;
  // Kept between lines only to spare their construction.
  TagBlock tag_;
  VdmSentence sentence_;
  std::vector<Pending> pending_;
  std::vector<Pending> spare_;  // recycled entries: a Payload is large
  std::optional<Timestamp> gatehouse_time_;
  Phase phase_ = Phase::own;
};

}  // namespace vigil::ais
