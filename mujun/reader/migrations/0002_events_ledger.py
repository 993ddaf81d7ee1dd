"""A report's ledger (ReportEvent, the shape of core.models.Event): read, facts corrected, dropped
and taken back, accepted, renamed. Nothing is backfilled: the reports already stored were read
before there was a ledger, their change history (simple-history) still says who did what, and
their timelines start with the next verb done to them."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reader', '0001_initial'),
        ('regions', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=30, verbose_name='事项')),
                ('text', models.CharField(max_length=500, verbose_name='说明')),
                ('data', models.JSONField(blank=True, default=dict, verbose_name='数据')),
                ('occurred_on', models.DateField(blank=True, null=True, verbose_name='发生日期')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='记录时间')),
                ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='地区')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='reader.report', verbose_name='报告')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
            ],
            options={
                'verbose_name': '报告事项',
                'verbose_name_plural': '报告事项',
                'ordering': ['created_at', 'pk'],
                'abstract': False,
                'indexes': [models.Index(fields=['report', 'created_at'], name='reportevent_report')],
            },
        ),
    ]
