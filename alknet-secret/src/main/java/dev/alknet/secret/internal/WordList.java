package dev.alknet.secret.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A BIP39 word list loaded from a resource and checked on load (2048 distinct, sorted words). */
public final class WordList {
    public static final WordList ENGLISH = load("/dev/alknet/secret/bip39-english.txt");

    private final List<String> words;
    private final Map<String, Integer> index;

    private WordList(List<String> words) {
        this.words = List.copyOf(words);
        this.index = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            index.put(words.get(i), i);
        }
    }

    public String word(int i) {
        return words.get(i);
    }

    /** The word's position, or -1 if it is not in the list. */
    public int indexOf(String word) {
        return index.getOrDefault(word, -1);
    }

    private static WordList load(String resource) {
        try (InputStream in = WordList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing word list resource " + resource);
            }
            List<String> words = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (words.size() != 2048 || words.stream().distinct().count() != 2048
                    || !words.equals(words.stream().sorted().toList())) {
                throw new IllegalStateException(resource + " is not 2048 distinct sorted words");
            }
            return new WordList(words);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read word list resource " + resource, e);
        }
    }
}
