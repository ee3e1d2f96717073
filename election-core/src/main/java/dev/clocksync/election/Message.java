package dev.clocksync.election;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A message between two nodes. Every message carries the sender's term; a node ignores messages of
 * an older term than its own.
 * <ul>
 *   <li>{@code ELECTION}: Bully, to a higher id, with the election's first {@code initiator}; Ring, to the
 *       successor, with its {@code initiator} and the {@code participants} collected so far (initiator first).</li>
 *   <li>{@code ANSWER}: Bully, to the lower id whose ELECTION this answers.</li>
 *   <li>{@code COORDINATOR}: the {@code leader} of the term. Bully: sent by the leader to all, with the
 *       election's {@code initiator}. Ring: passed around the participants, with {@code initiator} and
 *       {@code participants}; the leader is the highest participant.</li>
 *   <li>{@code HEARTBEAT}: from the {@code leader} of the term to every other node; {@code algorithm} is the one
 *       that elected it.</li>
 *   <li>{@code PRE_VOTE}, {@code PRE_VOTE_GRANTED}, {@code PRE_VOTE_REFUSED}: a follower's question about the
 *       {@code leader} of its term, which it has not heard from for longer than it allows, and the replies, naming
 *       the same leader with the question's term (so that a reply answers exactly one question); {@code algorithm}
 *       is the asking node's.</li>
 * </ul>
 *
 * @param type         what the message is
 * @param algorithm    the algorithm it belongs to
 * @param term         the sender's term (the election's number), 0 to {@link #MAX_TERM}
 * @param from         the sender's id
 * @param to           the receiver's id
 * @param leader       COORDINATOR and HEARTBEAT: the coordinator; the PRE_VOTE messages: the silent one; else null
 * @param initiator    ELECTION, COORDINATOR: who started the election (may be null in a Bully COORDINATOR); else null
 * @param participants Ring ELECTION and COORDINATOR: the ids collected around the ring, initiator first; else empty
 */
public record Message(MessageType type, Algorithm algorithm, long term, int from, int to, Integer leader,
        Integer initiator, List<Integer> participants) {

    /**
     * The highest term a message may carry: half of {@code Long.MAX_VALUE}, so that a node that has
     * adopted it can still count its terms up without overflowing. No group holds that many elections;
     * a transport should refuse terms far lower than this (the HTTP one takes at most 2<sup>53</sup> − 1).
     */
    public static final long MAX_TERM = Long.MAX_VALUE / 2;

    public Message {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(algorithm, "algorithm");
        participants = participants == null ? List.of() : List.copyOf(participants);
        require(term >= 0 && term <= MAX_TERM, "the term must be between 0 and Long.MAX_VALUE / 2");
        require(from > 0 && to > 0, "node ids must be positive");
        require(from != to, "a node does not send messages to itself");
        require(leader == null || leader > 0, "node ids must be positive");
        require(initiator == null || initiator > 0, "node ids must be positive");
        require(participants.stream().allMatch(id -> id > 0), "node ids must be positive");
        require(new HashSet<>(participants).size() == participants.size(), "participants must be distinct");
        boolean ring = algorithm == Algorithm.RING;
        switch (type) {
            case ELECTION -> {
                require(initiator != null, "an ELECTION names its initiator");
                require(leader == null, "an ELECTION names no leader");
                if (ring) {
                    require(!participants.isEmpty() && participants.get(0).equals(initiator),
                            "a ring ELECTION lists its participants, initiator first");
                    require(participants.contains(from), "a ring ELECTION lists its sender among the participants");
                } else {
                    require(participants.isEmpty(), "a Bully ELECTION carries no participants");
                }
            }
            case ANSWER -> {
                require(!ring, "ANSWER belongs to Bully");
                require(leader == null && initiator == null && participants.isEmpty(), "an ANSWER carries only its term");
            }
            case COORDINATOR -> {
                require(leader != null, "a COORDINATOR names the leader");
                if (ring) {
                    require(initiator != null && !participants.isEmpty() && participants.get(0).equals(initiator),
                            "a ring COORDINATOR lists the participants, initiator first");
                    require(leader.equals(participants.stream().max(Integer::compare).orElseThrow()),
                            "a ring COORDINATOR names the highest participant");
                } else {
                    require(leader == from, "a Bully COORDINATOR is sent by the leader itself");
                    require(participants.isEmpty(), "a Bully COORDINATOR carries no participants");
                }
            }
            case HEARTBEAT -> {
                require(leader != null && leader == from, "a HEARTBEAT is sent by the leader itself");
                require(initiator == null && participants.isEmpty(), "a HEARTBEAT carries only the term and the leader");
            }
            case PRE_VOTE, PRE_VOTE_GRANTED, PRE_VOTE_REFUSED -> {
                require(leader != null, "a " + type + " names the silent leader");
                require(type != MessageType.PRE_VOTE || leader != from, "a leader does not ask about itself");
                require(initiator == null && participants.isEmpty(), "a " + type + " carries only the term and the leader");
            }
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Bully: ELECTION from {@code from} to the higher {@code to}. */
    public static Message bullyElection(long term, int from, int to, int initiator) {
        return new Message(MessageType.ELECTION, Algorithm.BULLY, term, from, to, null, initiator, List.of());
    }

    /** Bully: ANSWER from {@code from} to the lower {@code to}. */
    public static Message answer(long term, int from, int to) {
        return new Message(MessageType.ANSWER, Algorithm.BULLY, term, from, to, null, null, List.of());
    }

    /** Bully: COORDINATOR from the new leader {@code from}. */
    public static Message bullyCoordinator(long term, int from, int to, Integer initiator) {
        return new Message(MessageType.COORDINATOR, Algorithm.BULLY, term, from, to, from, initiator, List.of());
    }

    /** Ring: ELECTION with the participants collected so far. */
    public static Message ringElection(long term, int from, int to, int initiator, List<Integer> participants) {
        return new Message(MessageType.ELECTION, Algorithm.RING, term, from, to, null, initiator, participants);
    }

    /** Ring: COORDINATOR naming the highest participant. */
    public static Message ringCoordinator(long term, int from, int to, int initiator, List<Integer> participants) {
        int leader = participants.stream().max(Integer::compare).orElseThrow();
        return new Message(MessageType.COORDINATOR, Algorithm.RING, term, from, to, leader, initiator, participants);
    }

    /** HEARTBEAT from the leader {@code from}. */
    public static Message heartbeat(long term, int from, int to, Algorithm algorithm) {
        return new Message(MessageType.HEARTBEAT, algorithm, term, from, to, from, null, List.of());
    }

    /** PRE_VOTE from the follower {@code from}, about the silent {@code leader} of its term. */
    public static Message preVote(long term, int from, int to, int leader, Algorithm algorithm) {
        return new Message(MessageType.PRE_VOTE, algorithm, term, from, to, leader, null, List.of());
    }

    /** The reply to a PRE_VOTE from {@code to}: granted or refused, about the same leader, with the question's term. */
    public static Message preVoteReply(boolean granted, long term, int from, int to, int leader, Algorithm algorithm) {
        return new Message(granted ? MessageType.PRE_VOTE_GRANTED : MessageType.PRE_VOTE_REFUSED, algorithm, term, from,
                to, leader, null, List.of());
    }

    /** @return the same message, passed on by {@code from} to {@code to} (the ring's next hop) */
    public Message forwardedBy(int from, int to) {
        return new Message(type, algorithm, term, from, to, leader, initiator, participants);
    }
}
