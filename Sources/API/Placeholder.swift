import Hummingbird
import Prometheus
import Configuration
import ServiceLifecycle
public enum APIPlaceholder {}
