"""A value's ledger (IndicatorEvent, the shape of core.models.Event): what was entered, corrected,
imported, summed or read from a report. Nothing is backfilled: the values already stored were
written before there was a ledger, their change history (simple-history) still says who changed
what, and their timelines start with the next verb done to them."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0002_seed_catalogue'),
        ('regions', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='IndicatorEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=30, verbose_name='事项')),
                ('text', models.CharField(max_length=500, verbose_name='说明')),
                ('data', models.JSONField(blank=True, default=dict, verbose_name='数据')),
                ('occurred_on', models.DateField(blank=True, null=True, verbose_name='发生日期')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='记录时间')),
                ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='地区')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
                ('value', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='indicators.indicatorvalue', verbose_name='指标数据')),
            ],
            options={
                'verbose_name': '指标数据事项',
                'verbose_name_plural': '指标数据事项',
                'ordering': ['created_at', 'pk'],
                'abstract': False,
                'indexes': [models.Index(fields=['value', 'created_at'], name='indevent_value')],
            },
        ),
    ]
