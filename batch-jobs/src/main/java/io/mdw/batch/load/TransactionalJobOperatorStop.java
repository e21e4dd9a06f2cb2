package io.mdw.batch.load;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.interceptor.NameMatchTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Runs {@code JobOperator.stop} in one transaction, as Spring Batch means it to: its JobOperatorFactoryBean declares
 * the transaction on TaskExecutorJobOperator's method, which a call through the JobOperator interface never matches
 * (6.0.4), so each of a stop's writes committed on its own. LoadStep ends the waits to retry once the stop has
 * committed; without the transaction it ended them at once, and a woken partition could end the load's step while the
 * stop was still writing it, a conflict that leaves the load UNKNOWN, never to be restarted.
 */
@Component
class TransactionalJobOperatorStop implements BeanPostProcessor {

    // looked up once the JobOperator exists: a post-processor's own dependencies would be created too early
    private final ObjectProvider<PlatformTransactionManager> transactionManager;

    TransactionalJobOperatorStop(ObjectProvider<PlatformTransactionManager> transactionManager) {
        this.transactionManager = transactionManager;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof JobOperator)) {
            return bean;
        }
        NameMatchTransactionAttributeSource stop = new NameMatchTransactionAttributeSource();
        stop.addTransactionalMethod("stop", new DefaultTransactionAttribute());
        ProxyFactory proxy = new ProxyFactory();
        proxy.setTarget(bean);
        proxy.setInterfaces(JobOperator.class);
        proxy.addAdvice(new TransactionInterceptor(transactionManager.getObject(), stop));
        return proxy.getProxy();
    }
}
