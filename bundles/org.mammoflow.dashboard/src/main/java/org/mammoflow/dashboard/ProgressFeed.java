package org.mammoflow.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import org.mammoflow.api.training.TrainingScheduler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Training progress from Event Admin, handed to every open event stream of the page. A stream that
 * falls behind loses its oldest events, never blocks Event Admin.
 */
@Component(service = { ProgressFeed.class, EventHandler.class },
        property = EventConstants.EVENT_TOPIC + "=" + TrainingScheduler.PROGRESS_TOPIC)
public class ProgressFeed implements EventHandler {

    static final int BACKLOG = 1000;
    /** What a subscriber receives last, when the feed stops: its stream ends. */
    static final Map<String, Object> END = Map.of();

    private final Set<BlockingQueue<Map<String, Object>>> subscribers = ConcurrentHashMap.newKeySet();

    @Override
    public void handleEvent(Event event) {
        Map<String, Object> progress = new LinkedHashMap<>();
        for (String key : event.getPropertyNames()) {
            if (!key.equals(EventConstants.EVENT_TOPIC)) {
                progress.put(key, event.getProperty(key));
            }
        }
        for (BlockingQueue<Map<String, Object>> queue : subscribers) {
            while (!queue.offer(progress)) {
                queue.poll();
            }
        }
    }

    BlockingQueue<Map<String, Object>> subscribe() {
        BlockingQueue<Map<String, Object>> queue = new LinkedBlockingQueue<>(BACKLOG);
        subscribers.add(queue);
        return queue;
    }

    void unsubscribe(BlockingQueue<Map<String, Object>> queue) {
        subscribers.remove(queue);
    }

    @Deactivate
    void stop() {
        for (BlockingQueue<Map<String, Object>> queue : subscribers) {
            queue.clear();
            queue.offer(END);
        }
        subscribers.clear();
    }
}
